'use client';
// Wait step on the canvas: a duration, a time of day or a friend's date.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../../flow-mapping';
import { BaseNode } from '../base-node';
import type { KindColours } from '../types';
import { WaitIcon } from './icon';

export const waitColours: KindColours = { bar: 'bg-amber-500', minimap: '#f59e0b' };

export const WaitNode = memo(function WaitNode(props: NodeProps<FlowNode>) {
  return <BaseNode {...props} colours={waitColours} Icon={WaitIcon} />;
});
