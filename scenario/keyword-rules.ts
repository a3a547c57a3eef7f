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
