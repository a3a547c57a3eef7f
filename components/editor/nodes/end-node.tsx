'use client';
// End step: the run finishes here.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-mapping';
import { BaseNode } from './base-node';

const accent = { bar: 'bg-slate-500', icon: '■' };

export const EndNode = memo(function EndNode(props: NodeProps<FlowNode>) {
  return <BaseNode {...props} accent={accent} />;
});
