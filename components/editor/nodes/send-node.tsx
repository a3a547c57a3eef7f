'use client';
// Send step: LINE messages, summarised by the first line.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-mapping';
import { BaseNode } from './base-node';

const accent = { bar: 'bg-emerald-600', icon: '✉' };

export const SendNode = memo(function SendNode(props: NodeProps<FlowNode>) {
  return <BaseNode {...props} accent={accent} />;
});
