'use client';
// Branch step on the canvas: one output per case plus 'else'.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../../flow-mapping';
import { BaseNode } from '../base-node';
import type { KindColours } from '../types';
import { BranchIcon } from './icon';

export const branchColours: KindColours = { bar: 'bg-violet-500', minimap: '#8b5cf6' };

export const BranchNode = memo(function BranchNode(props: NodeProps<FlowNode>) {
  return <BaseNode {...props} colours={branchColours} Icon={BranchIcon} />;
});
