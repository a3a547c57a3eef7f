// Typed comparison operators shared by attribute conditions and event-property filters.
import { z } from 'zod';
import { dateKey } from './time';

export const ComparisonOpSchema = z.enum(['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'exists']);
export type ComparisonOp = z.infer<typeof ComparisonOpSchema>;

export const ComparableValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]);
export type ComparableValue = z.infer<typeof ComparableValueSchema>;

export const OP_SYMBOL: Record<ComparisonOp, string> = {
  eq: '=',
  neq: '≠',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  in: 'in',
  contains: 'contains',
  exists: 'exists',
};

export function isMissing(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

function toNumber(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function looseEquals(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number') return toNumber(actual) === expected;
  if (typeof expected === 'boolean') {
    if (typeof actual === 'boolean') return actual === expected;
    return actual === String(expected);
  }
  if (typeof actual === 'number' || typeof actual === 'boolean') return String(actual) === expected;
  return actual === expected;
}

/** Orders two values as numbers or, failing that, as calendar dates (YYYY-MM-DD or epoch ms). */
function order(actual: unknown, expected: unknown, timeZone: string): number | null {
  const a = toNumber(actual);
  const b = toNumber(expected);
  if (a !== null && b !== null && typeof expected === 'number') return a - b;
  const da = dateKey(actual, timeZone);
  const db = dateKey(expected, timeZone);
  if (da !== null && db !== null) return da - db;
  if (a !== null && b !== null) return a - b;
  return null;
}

/**
 * Compares a friend's value with the configured one. A missing value satisfies only `neq`
 * (a friend without a rank "is not gold"), so `not` and `neq` read the way marketers expect.
 */
export function compare(actual: unknown, op: ComparisonOp, expected: ComparableValue | undefined, timeZone: string): boolean {
  if (op === 'exists') return !isMissing(actual);
  if (isMissing(actual)) return op === 'neq';
  switch (op) {
    case 'eq':
      return looseEquals(actual, expected);
    case 'neq':
      return !looseEquals(actual, expected);
    case 'in':
      return Array.isArray(expected) && expected.some((e) => looseEquals(actual, e));
    case 'contains':
      if (Array.isArray(actual)) return actual.some((a) => looseEquals(a, expected));
      return typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected);
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const d = order(actual, expected, timeZone);
      if (d === null) return false;
      return op === 'lt' ? d < 0 : op === 'lte' ? d <= 0 : op === 'gt' ? d > 0 : d >= 0;
    }
  }
}

export function formatValue(v: ComparableValue | undefined): string {
  if (v === undefined) return '';
  if (Array.isArray(v)) return `[${v.join(', ')}]`;
  return String(v);
}

export const PropertyFilterSchema = z.object({
  property: z.string().min(1),
  op: ComparisonOpSchema,
  value: ComparableValueSchema.optional(),
});
export type PropertyFilter = z.infer<typeof PropertyFilterSchema>;

export function matchesFilters(properties: Record<string, unknown>, filters: readonly PropertyFilter[], timeZone: string): boolean {
  return filters.every((f) => compare(properties[f.property], f.op, f.value, timeZone));
}

export function describeFilters(filters: readonly PropertyFilter[]): string {
  return filters.map((f) => `${f.property} ${OP_SYMBOL[f.op]}${f.op === 'exists' ? '' : ' ' + formatValue(f.value)}`).join(', ');
}
