// What an editor slice provides for its kind: the canvas node, the inspector form, the icon and its colours.
import type { NodeProps } from '@xyflow/react';
import type { ComponentType } from 'react';
import type { NodeData, NodeKind } from '@/scenario/schema';
import type { FlowNode } from '../flow-mapping';

/** The props of a kind's inspector form: the node's id (for its problems) and its data. */
export type KindFormProps<K extends NodeKind> = { id: string; data: NodeData<K>; onChange: (data: NodeData<K>) => void };
export type IconProps = { className?: string };
/** A kind's colours: the header bar on the canvas (a Tailwind class) and its dot on the minimap. */
export type KindColours = { bar: string; minimap: string };

export type EditorNode<K extends NodeKind> = {
  Node: ComponentType<NodeProps<FlowNode>>;
  Form: ComponentType<KindFormProps<K>>;
  Icon: ComponentType<IconProps>;
  colours: KindColours;
};
