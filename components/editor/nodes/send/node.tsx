'use client';
// Send step on the canvas: LINE messages, summarised by the first line.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../../flow-mapping';
import { BaseNode } from '../base-node';
import type { KindColours } from '../types';
import { SendIcon } from './icon';

export const sendColours: KindColours = { bar: 'bg-emerald-600', minimap: '#059669' };

export const SendNode = memo(function SendNode(props: NodeProps<FlowNode>) {
  return <BaseNode {...props} colours={sendColours} Icon={SendIcon} />;
});
