// Keyword auto-replies (自動応答): the rule's shape, the text matcher (exact / contains / RE2 regex) and which rule fires.
import { DateTime } from 'luxon';
import { RE2JS } from 're2js';
import { z } from 'zod';
import { ActionSpecSchema } from './nodes/action';
import { HHmmSchema } from './primitives';
import { isValidTimeZone, parseHHmm, type Weekday } from './time';

export const MATCH_MODES = ['exact', 'contains', 'regex'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

/** Patterns are short: a longer one is a mistake, and keeps compile time trivial. */
export const PATTERN_MAX = 200;

/**
 * Text the friend typed and the pattern are compared after NFKC (全角ＡＢＣ = ABC, ｶﾀｶﾅ = カタカナ) and trimming;
 * exact and contains also ignore case unless asked not to.
 */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').trim();
}

/**
 * Compiles a pattern with RE2 (linear time: no catastrophic backtracking whatever the pattern); features RE2 lacks
 * (look-around, back-references) are refused with the reason. Returns the error text, or null when it compiles.
 */
export function regexProblem(pattern: string): string | null {
  try {
    RE2JS.compile(pattern);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** RE2's reasons (re2js's error texts) in the operator's words. */
const RE2_REASONS: Record<string, { ja: string; en: string }> = {
  'invalid or unsupported Perl syntax': {
    ja: '使えない書き方です（先読み・後読みなどはRE2では使えません）',
    en: 'syntax RE2 does not support (look-ahead, look-behind and the like)',
  },
  'invalid escape sequence': {
    ja: '使えないエスケープです（\\1 などの後方参照はRE2では使えません）',
    en: 'an escape RE2 does not know (back-references such as \\1 are not supported)',
  },
  'missing closing )': { ja: '閉じ括弧「)」が足りません', en: 'a closing ) is missing' },
  'unexpected )': { ja: '対応する「(」のない「)」があります', en: 'a ) without its (' },
  'missing closing ]': { ja: '閉じ括弧「]」が足りません', en: 'a closing ] is missing' },
  'invalid character class range': { ja: '文字の範囲が正しくありません', en: 'a character range that is not valid' },
  'invalid nested repetition operator': {
    ja: '繰り返し記号が重なっています（** や +* など）',
    en: 'repetition operators one after another (** or +*)',
  },
  'invalid repeat count': {
    ja: '繰り返し回数が正しくありません（{n,m} は1000まで、n≦m）',
    en: 'a repeat count that is not valid ({n,m} up to 1000, n ≤ m)',
  },
  'missing argument to repetition operator': {
    ja: '繰り返す対象がありません（先頭の * や + など）',
    en: 'a repetition operator with nothing to repeat (a leading * or +)',
  },
  'trailing backslash at end of expression': { ja: '末尾に「\\」だけが残っています', en: 'a lone \\ at the end' },
  'duplicate capture group name': { ja: 'グループ名が重複しています', en: 'the same group name twice' },
  'invalid named capture': { ja: 'グループ名が正しくありません', en: 'a group name that is not valid' },
  'invalid capture in lookbehind': { ja: '後読みの中でグループは使えません', en: 'a group inside a look-behind' },
  'expression too large': { ja: '正規表現が大きすぎます', en: 'the expression is too large' },
  'expression nests too deeply': { ja: '括弧の入れ子が深すぎます', en: 'the brackets nest too deeply' },
};

/**
 * A reason regexProblem() returned (`error parsing regexp: <reason>: \`<part>\``) in the operator's language, with the
 * part of the pattern it points at. A reason we have no words for is shown as RE2 wrote it.
 */
export function regexProblemText(problem: string, lang: 'ja' | 'en'): string {
  const m = /^error parsing regexp: (.*?)(?:: `([\s\S]*)`)?$/.exec(problem);
  const words = m?.[1] === undefined ? undefined : RE2_REASONS[m[1]];
  if (!m || !words) return lang === 'ja' ? `正規表現として読めません（${problem}）` : problem;
  const part = m[2];
  if (part === undefined) return words[lang];
  return lang === 'ja' ? `${words.ja}（該当箇所：${part}）` : `${words.en} (at ${part})`;
}

/** The match as drafts hold it (a scenario's trigger: a half-typed regex is reported by validation, not refused). */
export const KeywordMatchShape = z.object({
  mode: z.enum(MATCH_MODES),
  pattern: z.string().trim().min(1, 'enter a keyword').max(PATTERN_MAX),
  caseSensitive: z.boolean().default(false),
});

/** The match as a saved rule holds it: a pattern RE2 cannot compile is refused with the reason. */
export const KeywordMatchSchema = KeywordMatchShape.superRefine((m, ctx) => {
  if (m.mode !== 'regex') return;
  const problem = regexProblem(m.pattern);
  if (problem) ctx.addIssue({ code: 'custom', path: ['pattern'], message: `invalid_regex: ${problem}` });
});
export type KeywordMatch = z.infer<typeof KeywordMatchShape>;

/** A weekly window in the rule's zone: ISO weekdays (1 = Mon … 7 = Sun) and [from, to); to ≤ from crosses midnight. */
export const ActiveWindowSchema = z.object({
  days: z
    .array(z.number().int().min(1).max(7))
    .min(1, 'choose at least one day')
    .transform((d) => [...new Set(d)].sort() as Weekday[]),
  from: HHmmSchema,
  to: HHmmSchema,
});
export type ActiveWindow = z.infer<typeof ActiveWindowSchema>;

export const KeywordReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().trim().min(1, 'enter the reply').max(5000) }),
  z.object({ type: z.literal('template'), templateId: z.uuid() }),
]);
export type KeywordReply = z.infer<typeof KeywordReplySchema>;

export const KeywordActionsSchema = z.object({
  reply: KeywordReplySchema.nullable().default(null),
  /** Tags added or removed, attributes set (the action node's own shapes). */
  friend: z.array(ActionSpecSchema).max(20).default([]),
  startScenarioId: z.uuid().nullable().default(null),
});
export type KeywordActions = z.infer<typeof KeywordActionsSchema>;

/** What an operator saves (the id, hits and audit fields live on the row). */
export const KeywordRuleInputSchema = z
  .object({
    name: z.string().trim().min(1, 'enter a name').max(100),
    /** Lower fires first; ties by name. */
    priority: z.number().int().min(0).max(9999),
    active: z.boolean(),
    match: KeywordMatchSchema,
    /** Empty: always. */
    windows: z.array(ActiveWindowSchema).max(14).default([]),
    timeZone: z.string().refine(isValidTimeZone, 'unknown time zone').default('Asia/Tokyo'),
    actions: KeywordActionsSchema,
  })
  .superRefine((r, ctx) => {
    const a = r.actions;
    if (!a.reply && a.friend.length === 0 && !a.startScenarioId) {
      ctx.addIssue({ code: 'custom', path: ['actions'], message: 'no_action: choose at least one action' });
    }
  });
export type KeywordRuleInput = z.infer<typeof KeywordRuleInputSchema>;
export type KeywordRule = KeywordRuleInput & { id: string };

const compiled = new Map<string, RE2JS>();
function compiledRegex(pattern: string, caseSensitive: boolean): RE2JS {
  const key = `${caseSensitive ? 's' : 'i'}:${pattern}`;
  let re = compiled.get(key);
  if (!re) {
    re = RE2JS.compile(normaliseText(pattern), caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(key, re);
  }
  return re;
}

/** Whether a text message matches. A pattern that no longer compiles (saved before a check) matches nothing. */
export function textMatches(m: KeywordMatch, text: string): boolean {
  const fold = (s: string) => (m.caseSensitive ? normaliseText(s) : normaliseText(s).toLowerCase());
  switch (m.mode) {
    case 'exact':
      return fold(text) === fold(m.pattern);
    case 'contains':
      return fold(text).includes(fold(m.pattern));
    case 'regex':
      try {
        return compiledRegex(m.pattern, m.caseSensitive).matcher(normaliseText(text)).find();
      } catch {
        return false;
      }
  }
}

function minutes(hhmm: string): number {
  const { hour, minute } = parseHHmm(hhmm);
  return hour * 60 + minute;
}

/** Whether `at` falls in a window; a window crossing midnight belongs to the day it starts (金 22:00–02:00 is Sat 01:00). */
export function inWindow(at: number, w: ActiveWindow, zone: string): boolean {
  const t = DateTime.fromMillis(at, { zone });
  const m = t.hour * 60 + t.minute;
  const day = t.weekday as Weekday;
  const prev = (day === 1 ? 7 : day - 1) as Weekday;
  const from = minutes(w.from);
  const to = minutes(w.to);
  if (from === to) return w.days.includes(day);
  if (from < to) return w.days.includes(day) && m >= from && m < to;
  return (w.days.includes(day) && m >= from) || (w.days.includes(prev) && m < to);
}

export function ruleIsOpen(rule: Pick<KeywordRule, 'windows' | 'timeZone'>, at: number): boolean {
  return rule.windows.length === 0 || rule.windows.some((w) => inWindow(at, w, rule.timeZone));
}

export type RuleVerdict = 'fired' | 'inactive' | 'no_match' | 'outside_window' | 'lower_priority';

export interface RuleEvaluation<R extends KeywordRule> {
  fired: R | null;
  /** Every rule in the order they were tried, with why it did or did not fire. */
  verdicts: { rule: R; verdict: RuleVerdict }[];
}

/** Rules in the order they are tried: priority, then name, then id (so the order is total and stable). */
export function orderRules<R extends KeywordRule>(rules: readonly R[]): R[] {
  return [...rules].sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** The one rule a text message at `at` fires (the first open, active, matching rule by priority), and why others did not. */
export function evaluateRules<R extends KeywordRule>(rules: readonly R[], text: string, at: number): RuleEvaluation<R> {
  let fired: R | null = null;
  const verdicts = orderRules(rules).map((rule) => {
    const verdict: RuleVerdict = !rule.active
      ? 'inactive'
      : !textMatches(rule.match, text)
        ? 'no_match'
        : !ruleIsOpen(rule, at)
          ? 'outside_window'
          : fired
            ? 'lower_priority'
            : 'fired';
    if (verdict === 'fired') fired = rule;
    return { rule, verdict };
  });
  return { fired, verdicts };
}

/** The match as a short phrase for lists and the canvas. */
export function describeMatch(m: KeywordMatch, lang: 'ja' | 'en'): string {
  switch (m.mode) {
    case 'exact':
      return lang === 'ja' ? `「${m.pattern}」と一致` : `is "${m.pattern}"`;
    case 'contains':
      return lang === 'ja' ? `「${m.pattern}」を含む` : `contains "${m.pattern}"`;
    case 'regex':
      return lang === 'ja' ? `正規表現 /${m.pattern}/ に一致` : `matches /${m.pattern}/`;
  }
}
