'use client';
// End step on the canvas: the run finishes here.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../../flow-mapping';
import { BaseNode } from '../base-node';
import type { KindColours } from '../types';
import { EndIcon } from './icon';

export const endColours: KindColours = { bar: 'bg-slate-500', minimap: '#64748b' };

export const EndNode = memo(function EndNode(props: NodeProps<FlowNode>) {
  return <BaseNode {...props} colours={endColours} Icon={EndIcon} />;
});
