'use client';
// Action step on the canvas: tag or friend-field changes.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../../flow-mapping';
import { BaseNode } from '../base-node';
import type { KindColours } from '../types';
import { ActionIcon } from './icon';

export const actionColours: KindColours = { bar: 'bg-sky-600', minimap: '#0284c7' };

export const ActionNode = memo(function ActionNode(props: NodeProps<FlowNode>) {
  return <BaseNode {...props} colours={actionColours} Icon={ActionIcon} />;
});
