// Branch node: ordered cases, the first whose condition holds wins, otherwise 'else'.
import { checkCondition } from '../condition-checks';
import { describeCondition, evaluate } from '../conditions';
import type { NodeBehaviour, NodeIssue } from './types';

export const caseOutput = (id: string) => `case:${id}`;

export const branchNode: NodeBehaviour<'branch'> = {
  kind: 'branch',
  outputs: (d) => [...d.cases.map((c) => caseOutput(c.id)), 'else'],
  summary(d, lang) {
    if (d.cases.length === 0) return lang === 'ja' ? '条件なし' : 'no cases';
    return d.cases.map((c) => c.label ?? describeCondition(c.condition, lang)).join(' / ');
  },
  defaultData: () => ({ cases: [{ id: '1', condition: { type: 'attribute', key: 'rank', op: 'eq', value: 'gold' } }] }),
  readsFriend: () => true,
  alwaysWaits: () => false,
  check(d, ctx) {
    const issues: NodeIssue[] = [];
    if (d.cases.length === 0) {
      issues.push({
        code: 'branch_no_cases',
        message: 'This branch has no condition, so every friend goes to "else"; add a case or remove the branch.',
        messageJa: '分岐に条件がありません。条件を追加するか分岐を削除してください。',
        path: ['cases'],
      });
    }
    const seen = new Set<string>();
    d.cases.forEach((c, i) => {
      if (seen.has(c.id)) {
        issues.push({ code: 'duplicate_case_id', message: `Two cases share the id "${c.id}".`, messageJa: `条件のID「${c.id}」が重複しています。`, path: ['cases', i, 'id'] });
      }
      seen.add(c.id);
      issues.push(...checkCondition(c.condition, ctx.attributes, ['cases', i, 'condition']));
    });
    return issues;
  },
  run(d, ctx) {
    const ectx = { friend: ctx.friend, now: ctx.now, timeZone: ctx.settings.timeZone };
    for (const [i, c] of d.cases.entries()) {
      if (evaluate(c.condition, ectx)) {
        return { type: 'go', output: caseOutput(c.id), reason: `${describeCondition(c.condition, 'en')} → ${c.label ?? `case ${i + 1}`}` };
      }
    }
    return { type: 'go', output: 'else', reason: 'no case matched → else' };
  },
};
