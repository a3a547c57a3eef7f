'use client';
// Wait-for-event step on the canvas: 'happened' and 'timed out' outputs.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../../flow-mapping';
import { BaseNode } from '../base-node';
import type { KindColours } from '../types';
import { WaitForEventIcon } from './icon';

export const waitForEventColours: KindColours = { bar: 'bg-orange-500', minimap: '#f97316' };

export const WaitForEventNode = memo(function WaitForEventNode(props: NodeProps<FlowNode>) {
  return <BaseNode {...props} colours={waitForEventColours} Icon={WaitForEventIcon} />;
});
