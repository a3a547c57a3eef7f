'use client';
// A/B split step: one output per variant.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-mapping';
import { BaseNode } from './base-node';

const accent = { bar: 'bg-fuchsia-500', icon: '⑂' };

export const SplitNode = memo(function SplitNode(props: NodeProps<FlowNode>) {
  return <BaseNode {...props} accent={accent} />;
});
