'use client';
// Question step on the canvas: one output per choice, then 'other answer' and 'no answer'.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../../flow-mapping';
import { BaseNode } from '../base-node';
import type { KindColours } from '../types';
import { QuestionIcon } from './icon';

export const questionColours: KindColours = { bar: 'bg-sky-600', minimap: '#0284c7' };

export const QuestionNode = memo(function QuestionNode(props: NodeProps<FlowNode>) {
  return <BaseNode {...props} colours={questionColours} Icon={QuestionIcon} />;
});
