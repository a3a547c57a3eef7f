// Branch node: ordered cases, the first whose condition holds wins, otherwise 'else'.
import { z } from 'zod';
import { checkCondition, CONDITION_CODES } from '../condition-checks';
import { ConditionSchema, describeCondition, evaluate } from '../conditions';
import { IdSchema } from '../primitives';
import { defineNode } from './define-node';
import type { NodeIssue } from './types';

export const BranchCaseSchema = z.object({ id: IdSchema, label: z.string().optional(), condition: ConditionSchema });
export const BranchDataSchema = z.object({ cases: z.array(BranchCaseSchema) });

export const caseOutput = (id: string) => `case:${id}`;

export const branchNode = defineNode(
  'branch',
  BranchDataSchema,
)({
  label: { ja: '条件分岐', en: 'Branch' },
  codes: {
    ...CONDITION_CODES,
    branch_no_cases: 'A branch with no case.',
    duplicate_case_id: 'Two branch cases share an id.',
  },
  outputs: (d) => [...d.cases.map((c) => caseOutput(c.id)), 'else'],
  outputLabel(d, output, lang) {
    if (output === 'else') return lang === 'ja' ? 'それ以外' : 'else';
    const c = d.cases.find((x) => caseOutput(x.id) === output);
    return c ? (c.label ?? describeCondition(c.condition, lang)) : output;
  },
  explain(d, taken, lang) {
    const c = d.cases.find((x) => caseOutput(x.id) === taken.output);
    if (!c) return lang === 'ja' ? 'どの条件にも当てはまらないため「それ以外」へ' : 'no case matched, so "else"';
    const cond = describeCondition(c.condition, lang);
    return lang === 'ja' ? `「${cond}」に当てはまる` : `matches "${cond}"`;
  },
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
        issues.push({
          code: 'duplicate_case_id',
          message: `Two cases share the id "${c.id}".`,
          messageJa: `条件のID「${c.id}」が重複しています。`,
          path: ['cases', i, 'id'],
        });
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
});
