'use client';
// A/B split step on the canvas: one output per variant.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../../flow-mapping';
import { BaseNode } from '../base-node';
import type { KindColours } from '../types';
import { SplitIcon } from './icon';

export const splitColours: KindColours = { bar: 'bg-fuchsia-500', minimap: '#d946ef' };

export const SplitNode = memo(function SplitNode(props: NodeProps<FlowNode>) {
  return <BaseNode {...props} colours={splitColours} Icon={SplitIcon} />;
});
