// The editor's registry of node kinds: each kind's canvas node, inspector form, icon and colours, listed in palette order.
import type { NodeTypes } from '@xyflow/react';
import { isNodeKind, NODE_KINDS, type NodeKind } from '@/scenario/schema';
import { ActionForm } from './action/form';
import { ActionIcon } from './action/icon';
import { actionColours, ActionNode } from './action/node';
import { BranchForm } from './branch/form';
import { BranchIcon } from './branch/icon';
import { branchColours, BranchNode } from './branch/node';
import { EndForm } from './end/form';
import { EndIcon } from './end/icon';
import { endColours, EndNode } from './end/node';
import { QuestionForm } from './question/form';
import { QuestionIcon } from './question/icon';
import { questionColours, QuestionNode } from './question/node';
import { SendForm } from './send/form';
import { SendIcon } from './send/icon';
import { sendColours, SendNode } from './send/node';
import { SplitForm } from './split/form';
import { SplitIcon } from './split/icon';
import { splitColours, SplitNode } from './split/node';
import { TriggerForm } from './trigger/form';
import { TriggerIcon } from './trigger/icon';
import { triggerColours, TriggerNode } from './trigger/node';
import type { EditorNode } from './types';
import { WaitForEventForm } from './wait-for-event/form';
import { WaitForEventIcon } from './wait-for-event/icon';
import { waitForEventColours, WaitForEventNode } from './wait-for-event/node';
import { WaitForm } from './wait/form';
import { WaitIcon } from './wait/icon';
import { waitColours, WaitNode } from './wait/node';

/** Typed per kind, so a kind missing here (or a form for another kind's data) fails the typecheck. Palette order. */
export const editorNodes: { readonly [K in NodeKind]: EditorNode<K> } = {
  send: { Node: SendNode, Form: SendForm, Icon: SendIcon, colours: sendColours },
  wait: { Node: WaitNode, Form: WaitForm, Icon: WaitIcon, colours: waitColours },
  wait_for_event: { Node: WaitForEventNode, Form: WaitForEventForm, Icon: WaitForEventIcon, colours: waitForEventColours },
  question: { Node: QuestionNode, Form: QuestionForm, Icon: QuestionIcon, colours: questionColours },
  branch: { Node: BranchNode, Form: BranchForm, Icon: BranchIcon, colours: branchColours },
  split: { Node: SplitNode, Form: SplitForm, Icon: SplitIcon, colours: splitColours },
  action: { Node: ActionNode, Form: ActionForm, Icon: ActionIcon, colours: actionColours },
  end: { Node: EndNode, Form: EndForm, Icon: EndIcon, colours: endColours },
  trigger: { Node: TriggerNode, Form: TriggerForm, Icon: TriggerIcon, colours: triggerColours },
};

export const PALETTE_KINDS: readonly NodeKind[] = Object.keys(editorNodes).filter(isNodeKind);

/** React Flow's nodeTypes, built once at module level so it never changes identity. */
export const nodeTypes: NodeTypes = Object.fromEntries(NODE_KINDS.map((k) => [k, editorNodes[k].Node]));
