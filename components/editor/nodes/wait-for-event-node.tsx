'use client';
// Wait-for-event step: 'happened' and 'timed out' outputs.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-mapping';
import { BaseNode } from './base-node';

const accent = { bar: 'bg-orange-500', icon: '⌛' };

export const WaitForEventNode = memo(function WaitForEventNode(props: NodeProps<FlowNode>) {
  return <BaseNode {...props} accent={accent} />;
});
