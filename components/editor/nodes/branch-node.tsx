'use client';
// Branch step: one output per case plus 'else'.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-mapping';
import { BaseNode } from './base-node';

const accent = { bar: 'bg-violet-500', icon: '◇' };

export const BranchNode = memo(function BranchNode(props: NodeProps<FlowNode>) {
  return <BaseNode {...props} accent={accent} />;
});
