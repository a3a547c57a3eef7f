'use client';
// Trigger step on the canvas: how friends enter (friend added, event, tag, broadcast).
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../../flow-mapping';
import { BaseNode } from '../base-node';
import type { KindColours } from '../types';
import { TriggerIcon } from './icon';

export const triggerColours: KindColours = { bar: 'bg-line-dark', minimap: '#05a546' };

export const TriggerNode = memo(function TriggerNode(props: NodeProps<FlowNode>) {
  return <BaseNode {...props} colours={triggerColours} Icon={TriggerIcon} />;
});
