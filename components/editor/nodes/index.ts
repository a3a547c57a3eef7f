// Registry of node components by kind, for React Flow's nodeTypes (kept module-level so it never changes identity).
import type { NodeTypes } from '@xyflow/react';
import type { NodeKind } from '@/scenario/schema';
import { ActionNode } from './action-node';
import { BranchNode } from './branch-node';
import { EndNode } from './end-node';
import { SendNode } from './send-node';
import { SplitNode } from './split-node';
import { TriggerNode } from './trigger-node';
import { WaitForEventNode } from './wait-for-event-node';
import { WaitNode } from './wait-node';

export const nodeTypes = {
  trigger: TriggerNode,
  wait: WaitNode,
  wait_for_event: WaitForEventNode,
  branch: BranchNode,
  split: SplitNode,
  send: SendNode,
  action: ActionNode,
  end: EndNode,
} satisfies Record<NodeKind, NodeTypes[string]>;

export const PALETTE_ICONS: Record<NodeKind, string> = {
  trigger: '▶',
  wait: '⏱',
  wait_for_event: '⌛',
  branch: '◇',
  split: '⑂',
  send: '✉',
  action: '⚙',
  end: '■',
};
