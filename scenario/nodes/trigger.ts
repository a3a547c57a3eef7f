// Trigger node: how friends enter (friend added, event, tag added, scheduled segment), entry filter and re-entry policy.
import { z } from 'zod';
import { describeFilters, PropertyFilterSchema } from '../comparison';
import { checkCondition, checkFilters, CONDITION_CODES } from '../condition-checks';
import { ConditionSchema, describeCondition, evaluate } from '../conditions';
import { describeMatch, KeywordMatchShape, regexProblem, regexProblemText } from '../keyword-rules';
import { localDateTimeIsValid } from '../time';
import { defineNode } from './define-node';

export const TriggerSpecSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('friend_added'), includeRefollow: z.boolean().default(false) }),
  z.object({ type: z.literal('event'), eventName: z.string().min(1), filter: z.array(PropertyFilterSchema).default([]) }),
  z.object({ type: z.literal('tag_added'), tag: z.string().min(1) }),
  /** A text message from the friend matching the keyword rules' matcher (exact / contains / RE2 regex). */
  z.object({ type: z.literal('message_received'), match: KeywordMatchShape }),
  /** A friend came through an inflow route (流入経路) by LINE Login: the route's code, or '' for any route. */
  z.object({
    type: z.literal('route_added'),
    routeCode: z
      .string()
      .regex(/^[A-Za-z0-9_-]{0,32}$/, 'a route code')
      .default(''),
  }),
  z.object({
    type: z.literal('segment_broadcast'),
    /** Local date-time in the scenario's zone when the audience is evaluated and entered. */
    sendAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'YYYY-MM-DDTHH:mm'),
    audience: ConditionSchema,
  }),
]);
export type TriggerSpec = z.infer<typeof TriggerSpecSchema>;

export const ReEntrySchema = z.enum(['once', 'after_exit', 'always']);
export type ReEntry = z.infer<typeof ReEntrySchema>;

export const TriggerDataSchema = z.object({
  trigger: TriggerSpecSchema,
  entryFilter: ConditionSchema.nullable().default(null),
  reEntry: ReEntrySchema.default('once'),
});

function describeTrigger(t: TriggerSpec, lang: 'ja' | 'en'): string {
  const ja = lang === 'ja';
  switch (t.type) {
    case 'friend_added':
      if (ja) return t.includeRefollow ? '友だち追加・ブロック解除時' : '友だち追加時';
      return t.includeRefollow ? 'when a friend is added or unblocks' : 'when a friend is added';
    case 'event': {
      const f = t.filter.length > 0 ? ` (${describeFilters(t.filter)})` : '';
      return ja ? `イベント ${t.eventName}${f} 発生時` : `on event ${t.eventName}${f}`;
    }
    case 'tag_added':
      return ja ? `タグ「${t.tag}」追加時` : `when tag ${t.tag} is added`;
    case 'message_received':
      return ja ? `メッセージ受信時（${describeMatch(t.match, lang)}）` : `when a message ${describeMatch(t.match, lang)}`;
    case 'route_added':
      if (ja) return t.routeCode ? `流入経路「${t.routeCode}」から登録時` : '流入経路から登録時';
      return t.routeCode ? `when a friend comes through route ${t.routeCode}` : 'when a friend comes through an inflow route';
    case 'segment_broadcast': {
      const when = t.sendAt.replace('T', ' ');
      const who = describeCondition(t.audience, lang);
      return ja ? `${when} に配信（${who}）` : `broadcast at ${when} to ${who}`;
    }
  }
}

const RE_ENTRY = {
  once: { ja: '1回のみ', en: 'once' },
  after_exit: { ja: '終了後に再参加可', en: 're-enter after exit' },
  always: { ja: '毎回参加', en: 'every time' },
};

export const triggerNode = defineNode(
  'trigger',
  TriggerDataSchema,
)({
  label: { ja: '開始条件', en: 'Trigger' },
  codes: {
    ...CONDITION_CODES,
    trigger_send_at_invalid: 'A broadcast time that does not exist (30 February, a DST gap).',
    trigger_regex_invalid: 'A message_received regular expression that RE2 cannot compile (look-around, back-references, a typo).',
  },
  outputs: () => ['next'],
  explain(d, _taken, lang) {
    const entered = describeTrigger(d.trigger, lang);
    if (!d.entryFilter) return lang === 'ja' ? `${entered}に参加` : `entered ${entered}`;
    const cond = describeCondition(d.entryFilter, lang);
    return lang === 'ja' ? `${entered}に参加（参加条件「${cond}」を満たす）` : `entered ${entered} (meets "${cond}")`;
  },
  summary(d, lang) {
    const filter = d.entryFilter
      ? lang === 'ja'
        ? ` / 条件: ${describeCondition(d.entryFilter, lang)}`
        : ` if ${describeCondition(d.entryFilter, lang)}`
      : '';
    return `${describeTrigger(d.trigger, lang)}${filter} (${RE_ENTRY[d.reEntry][lang]})`;
  },
  defaultData: () => ({ trigger: { type: 'friend_added', includeRefollow: false }, entryFilter: null, reEntry: 'once' }),
  readsFriend: (d) => d.entryFilter !== null || d.trigger.type === 'segment_broadcast',
  alwaysWaits: () => false,
  check(d, ctx) {
    const issues = d.entryFilter ? checkCondition(d.entryFilter, ctx.attributes, ['entryFilter']) : [];
    if (d.trigger.type === 'event') issues.push(...checkFilters(d.trigger.filter, ['trigger', 'filter']));
    if (d.trigger.type === 'message_received' && d.trigger.match.mode === 'regex') {
      const problem = regexProblem(d.trigger.match.pattern);
      if (problem) {
        issues.push({
          code: 'trigger_regex_invalid',
          message: `The regular expression cannot be used: ${regexProblemText(problem, 'en')}.`,
          messageJa: `この正規表現は使えません：${regexProblemText(problem, 'ja')}`,
          path: ['trigger', 'match', 'pattern'],
        });
      }
    }
    if (d.trigger.type === 'segment_broadcast') {
      issues.push(...checkCondition(d.trigger.audience, ctx.attributes, ['trigger', 'audience']));
      if (!localDateTimeIsValid(d.trigger.sendAt, ctx.timeZone)) {
        issues.push({
          code: 'trigger_send_at_invalid',
          message: `${d.trigger.sendAt.replace('T', ' ')} is not a real date and time in ${ctx.timeZone}.`,
          messageJa: `配信日時 ${d.trigger.sendAt.replace('T', ' ')} は存在しない日時です。`,
          path: ['trigger', 'sendAt'],
        });
      }
    }
    return issues;
  },
  run(d, ctx) {
    const entered = describeTrigger(d.trigger, 'en');
    const ectx = { friend: ctx.friend, now: ctx.now, timeZone: ctx.settings.timeZone };
    // The engine selects the audience; the core re-checks it so both agree on who entered.
    if (d.trigger.type === 'segment_broadcast' && !evaluate(d.trigger.audience, ectx)) {
      return { type: 'end', reason: 'filtered', detail: `not in the audience: ${describeCondition(d.trigger.audience, 'en')}` };
    }
    if (!d.entryFilter) return { type: 'go', output: 'next', reason: entered };
    const text = describeCondition(d.entryFilter, 'en');
    if (!evaluate(d.entryFilter, ectx)) return { type: 'end', reason: 'filtered', detail: `entry filter not met: ${text}` };
    return { type: 'go', output: 'next', reason: `${entered}; ${text}` };
  },
});
