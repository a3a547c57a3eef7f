// Registry of node kinds: the editor, validator and interpreter look behaviour up here by kind.
import type { NodeDataUnion, NodeKind } from '../schema';
import { actionNode } from './action';
import { branchNode } from './branch';
import { endNode } from './end';
import { sendNode } from './send';
import { splitNode } from './split';
import { triggerNode } from './trigger';
import type { CheckContext, Lang, NodeBehaviour, NodeIssue, NodeOutcome, RunContext, SummaryContext } from './types';
import { waitForEventNode } from './wait-for-event';
import { waitNode } from './wait';

export type { CheckContext, Lang, NodeBehaviour, NodeIssue, NodeOutcome, RunContext, SummaryContext };
export { caseOutput } from './branch';
export { variantOutput } from './split';

export const nodeRegistry: { [K in NodeKind]: NodeBehaviour<K> } = {
  trigger: triggerNode,
  wait: waitNode,
  wait_for_event: waitForEventNode,
  branch: branchNode,
  split: splitNode,
  send: sendNode,
  action: actionNode,
  end: endNode,
};

export const NODE_LABELS: { [K in NodeKind]: { ja: string; en: string } } = {
  trigger: { ja: '開始条件', en: 'Trigger' },
  wait: { ja: '待機', en: 'Wait' },
  wait_for_event: { ja: 'イベント待ち', en: 'Wait for event' },
  branch: { ja: '条件分岐', en: 'Branch' },
  split: { ja: 'A/Bテスト', en: 'A/B split' },
  send: { ja: 'メッセージ配信', en: 'Send' },
  action: { ja: 'アクション', en: 'Action' },
  end: { ja: '終了', en: 'End' },
};

// Dispatch helpers: TypeScript cannot correlate a union's kind with its data, so each kind is narrowed once here.
function dispatch<R>(n: NodeDataUnion, f: <K extends NodeKind>(b: NodeBehaviour<K>, data: Parameters<NodeBehaviour<K>['outputs']>[0]) => R): R {
  switch (n.kind) {
    case 'trigger':
      return f(nodeRegistry.trigger, n.data);
    case 'wait':
      return f(nodeRegistry.wait, n.data);
    case 'wait_for_event':
      return f(nodeRegistry.wait_for_event, n.data);
    case 'branch':
      return f(nodeRegistry.branch, n.data);
    case 'split':
      return f(nodeRegistry.split, n.data);
    case 'send':
      return f(nodeRegistry.send, n.data);
    case 'action':
      return f(nodeRegistry.action, n.data);
    case 'end':
      return f(nodeRegistry.end, n.data);
  }
}

export const outputsOf = (n: NodeDataUnion): string[] => dispatch(n, (b, d) => b.outputs(d));
export const summaryOf = (n: NodeDataUnion, lang: Lang, ctx: SummaryContext): string => dispatch(n, (b, d) => b.summary(d, lang, ctx));
export const readsFriend = (n: NodeDataUnion): boolean => dispatch(n, (b, d) => b.readsFriend(d));
export const alwaysWaits = (n: NodeDataUnion): boolean => dispatch(n, (b, d) => b.alwaysWaits(d));
export const checkNode = (n: NodeDataUnion, ctx: CheckContext): NodeIssue[] => dispatch(n, (b, d) => b.check(d, ctx));
export const runNode = (n: NodeDataUnion, ctx: RunContext): NodeOutcome => dispatch(n, (b, d) => b.run(d, ctx));
export const defaultNodeData = <K extends NodeKind>(kind: K) => nodeRegistry[kind].defaultData();
