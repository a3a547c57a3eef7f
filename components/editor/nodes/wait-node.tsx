'use client';
// Wait step: a duration, a time of day or a friend's date.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-mapping';
import { BaseNode } from './base-node';

const accent = { bar: 'bg-amber-500', icon: '⏱' };

export const WaitNode = memo(function WaitNode(props: NodeProps<FlowNode>) {
  return <BaseNode {...props} accent={accent} />;
});
