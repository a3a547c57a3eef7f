// Condition trees (all/any/not over attribute, tag, link, tenure and event-history predicates): schema, evaluation, wording.
import { z } from 'zod';
import {
  ComparableValueSchema,
  ComparisonOpSchema,
  OP_SYMBOL,
  PropertyFilterSchema,
  compare,
  describeFilters,
  formatValue,
  matchesFilters,
} from './comparison';
import { AttributeKeySchema, type FriendSnapshot } from './friend';
import { DAY, calendarDaysBetween } from './time';

const NumericOpSchema = z.enum(['eq', 'neq', 'lt', 'lte', 'gt', 'gte']);

export const AttributePredicateSchema = z.object({
  type: z.literal('attribute'),
  key: AttributeKeySchema,
  op: ComparisonOpSchema,
  value: ComparableValueSchema.optional(),
});
export const TagPredicateSchema = z.object({ type: z.literal('tag'), tag: z.string().min(1), has: z.boolean().default(true) });
export const LinkedPredicateSchema = z.object({ type: z.literal('linked'), linked: z.boolean().default(true) });
export const DaysSinceAddedPredicateSchema = z.object({
  type: z.literal('days_since_added'),
  op: NumericOpSchema,
  days: z.number().int().min(0),
});
/** Came through an inflow route (流入経路): the route's code, or '' for any route; `is: false` negates. */
export const InflowRoutePredicateSchema = z.object({
  type: z.literal('inflow_route'),
  routeCode: z
    .string()
    .regex(/^[A-Za-z0-9_-]{0,32}$/, 'a route code')
    .default(''),
  is: z.boolean().default(true),
});
/** "purchase count ≥ 2", "no purchase in the last 7 days" (= count 0 within 7 days). */
export const EventCountPredicateSchema = z.object({
  type: z.literal('event_count'),
  eventName: z.string().min(1),
  filter: z.array(PropertyFilterSchema).default([]),
  withinDays: z.number().int().positive().optional(),
  op: NumericOpSchema,
  count: z.number().int().min(0),
});

export type Condition =
  | { type: 'all'; conditions: Condition[] }
  | { type: 'any'; conditions: Condition[] }
  | { type: 'not'; condition: Condition }
  | z.infer<typeof AttributePredicateSchema>
  | z.infer<typeof TagPredicateSchema>
  | z.infer<typeof LinkedPredicateSchema>
  | z.infer<typeof DaysSinceAddedPredicateSchema>
  | z.infer<typeof EventCountPredicateSchema>
  | z.infer<typeof InflowRoutePredicateSchema>;

// Recursive schemas need one hand-written type; every leaf still comes from z.infer.
export const ConditionSchema: z.ZodType<Condition, unknown> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('all'), conditions: z.array(ConditionSchema) }),
    z.object({ type: z.literal('any'), conditions: z.array(ConditionSchema) }),
    z.object({ type: z.literal('not'), condition: ConditionSchema }),
    AttributePredicateSchema,
    TagPredicateSchema,
    LinkedPredicateSchema,
    DaysSinceAddedPredicateSchema,
    EventCountPredicateSchema,
    InflowRoutePredicateSchema,
  ]),
);

export type EvalContext = { friend: FriendSnapshot; now: number; timeZone: string };

export function countEvents(c: z.infer<typeof EventCountPredicateSchema>, ctx: EvalContext): number {
  const since = c.withinDays === undefined ? -Infinity : ctx.now - c.withinDays * DAY;
  let n = 0;
  for (const e of ctx.friend.events) {
    if (e.name === c.eventName && e.at > since && e.at <= ctx.now && matchesFilters(e.properties, c.filter, ctx.timeZone)) n++;
  }
  return n;
}

export function evaluate(c: Condition, ctx: EvalContext): boolean {
  switch (c.type) {
    case 'all':
      return c.conditions.every((x) => evaluate(x, ctx));
    case 'any':
      return c.conditions.some((x) => evaluate(x, ctx));
    case 'not':
      return !evaluate(c.condition, ctx);
    case 'attribute':
      return compare(ctx.friend.attributes[c.key], c.op, c.value, ctx.timeZone);
    case 'tag':
      return ctx.friend.tags.includes(c.tag) === c.has;
    case 'linked':
      return ctx.friend.linked === c.linked;
    case 'days_since_added':
      return compare(calendarDaysBetween(ctx.friend.friendAddedAt, ctx.now, ctx.timeZone), c.op, c.days, ctx.timeZone);
    case 'event_count':
      return compare(countEvents(c, ctx), c.op, c.count, ctx.timeZone);
    case 'inflow_route': {
      const route = ctx.friend.inflowRoute ?? null;
      return (c.routeCode === '' ? route !== null : route === c.routeCode) === c.is;
    }
  }
}

export type Lang = 'ja' | 'en';

function group(c: Condition, lang: Lang): string {
  const text = describeCondition(c, lang);
  return (c.type === 'all' || c.type === 'any') && c.conditions.length > 1 ? `(${text})` : text;
}

/** One line a marketer reads: 'rank = gold', 'purchase count in last 7 days = 0'. */
export function describeCondition(c: Condition, lang: Lang): string {
  const ja = lang === 'ja';
  switch (c.type) {
    case 'all':
      if (c.conditions.length === 0) return ja ? '常に' : 'always';
      return c.conditions.map((x) => group(x, lang)).join(ja ? ' かつ ' : ' and ');
    case 'any':
      if (c.conditions.length === 0) return ja ? 'なし' : 'never';
      return c.conditions.map((x) => group(x, lang)).join(ja ? ' または ' : ' or ');
    case 'not':
      return ja ? `「${describeCondition(c.condition, lang)}」でない` : `not (${describeCondition(c.condition, lang)})`;
    case 'attribute':
      if (c.op === 'exists') return ja ? `${c.key} が設定済み` : `${c.key} exists`;
      return `${c.key} ${OP_SYMBOL[c.op]} ${formatValue(c.value)}`;
    case 'tag':
      if (ja) return `タグ「${c.tag}」${c.has ? 'あり' : 'なし'}`;
      return c.has ? `tag ${c.tag}` : `no tag ${c.tag}`;
    case 'linked':
      if (ja) return c.linked ? 'ID連携済み' : 'ID未連携';
      return c.linked ? 'LINE ID linked' : 'LINE ID not linked';
    case 'days_since_added':
      return ja ? `友だち追加からの日数 ${OP_SYMBOL[c.op]} ${c.days}` : `days since added ${OP_SYMBOL[c.op]} ${c.days}`;
    case 'event_count': {
      const filter = c.filter.length > 0 ? ` (${describeFilters(c.filter)})` : '';
      if (ja) {
        const window = c.withinDays === undefined ? '' : `過去${c.withinDays}日の`;
        return `${window}${c.eventName}${filter} 回数 ${OP_SYMBOL[c.op]} ${c.count}`;
      }
      const window = c.withinDays === undefined ? '' : ` in last ${c.withinDays} days`;
      return `${c.eventName}${filter} count${window} ${OP_SYMBOL[c.op]} ${c.count}`;
    }
    case 'inflow_route':
      if (ja) return `${c.routeCode ? `流入経路「${c.routeCode}」` : 'いずれかの流入経路'}から登録${c.is ? '' : 'していない'}`;
      return `${c.is ? 'came' : 'did not come'} through ${c.routeCode ? `route ${c.routeCode}` : 'an inflow route'}`;
  }
}

/** Every leaf predicate in a tree, with its path below the tree's root, for validation. */
export function leaves(c: Condition, path: (string | number)[] = []): { leaf: Condition; path: (string | number)[] }[] {
  switch (c.type) {
    case 'all':
    case 'any':
      return c.conditions.flatMap((x, i) => leaves(x, [...path, 'conditions', i]));
    case 'not':
      return leaves(c.condition, [...path, 'condition']);
    default:
      return [{ leaf: c, path }];
  }
}
