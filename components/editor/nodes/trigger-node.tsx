'use client';
// Trigger step: how friends enter (friend added, event, tag, broadcast).
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-mapping';
import { BaseNode } from './base-node';

const accent = { bar: 'bg-line-dark', icon: '▶' };

export const TriggerNode = memo(function TriggerNode(props: NodeProps<FlowNode>) {
  return <BaseNode {...props} accent={accent} />;
});
