'use client';
// Action step: tag or friend-field changes.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-mapping';
import { BaseNode } from './base-node';

const accent = { bar: 'bg-sky-600', icon: '⚙' };

export const ActionNode = memo(function ActionNode(props: NodeProps<FlowNode>) {
  return <BaseNode {...props} accent={accent} />;
});
