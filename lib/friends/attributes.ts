// Checks friend attribute values against their typed definitions, from JSON (typed) or from CSV cells (text).
import { z } from 'zod';
import { AttributeKeySchema, AttributeTypeSchema, type AttributeValue } from '@/scenario/friend';

export interface AttributeDef {
  key: string;
  label: string;
  type: z.infer<typeof AttributeTypeSchema>;
  options: string[] | null;
}

export const AttributeDefinitionInputSchema = z
  .object({
    key: AttributeKeySchema,
    label: z.string().trim().min(1).max(100),
    type: AttributeTypeSchema,
    options: z.array(z.string().trim().min(1).max(100)).max(200).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.type === 'enum') {
      if (!d.options || d.options.length === 0)
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'an enum needs at least one option' });
      else if (new Set(d.options).size !== d.options.length)
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'options must be unique' });
    } else if (d.options && d.options.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'only enum attributes have options' });
    }
  });
export type AttributeDefinitionInput = z.infer<typeof AttributeDefinitionInputSchema>;

export type Checked = { ok: true; value: AttributeValue } | { ok: false; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** A JSON value for the attribute: null clears it; otherwise it must have the definition's type. */
export function checkAttributeValue(def: AttributeDef, value: unknown): Checked {
  if (value === null) return { ok: true, value: null };
  switch (def.type) {
    case 'string':
      return typeof value === 'string' && value.length <= 1000
        ? { ok: true, value }
        : { ok: false, message: 'expected a string (≤ 1,000 characters)' };
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? { ok: true, value } : { ok: false, message: 'expected a number' };
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, message: 'expected true or false' };
    case 'date':
      return typeof value === 'string' && isCalendarDate(value)
        ? { ok: true, value }
        : { ok: false, message: 'expected a date as YYYY-MM-DD' };
    case 'enum': {
      const options = def.options ?? [];
      return typeof value === 'string' && options.includes(value)
        ? { ok: true, value }
        : { ok: false, message: `expected one of: ${options.join(', ')}` };
    }
  }
}

/** A CSV cell for the attribute; an empty cell means "leave unchanged" and yields undefined. */
export function coerceCsvCell(def: AttributeDef, raw: string): Checked | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  switch (def.type) {
    case 'string':
    case 'enum':
      return checkAttributeValue(def, s);
    case 'number':
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)
        ? checkAttributeValue(def, Number(s))
        : { ok: false, message: 'expected a number' };
    case 'boolean': {
      const v = s.toLowerCase();
      if (['true', '1', 'yes'].includes(v)) return { ok: true, value: true };
      if (['false', '0', 'no'].includes(v)) return { ok: true, value: false };
      return { ok: false, message: 'expected true or false' };
    }
    case 'date':
      // Spreadsheets in Japan often write 2025/04/01.
      return checkAttributeValue(def, s.replaceAll('/', '-'));
  }
}

/** Checks a whole attributes object; issues carry the path under `prefix` (e.g. ['friends', 3, 'attributes', 'rank']). */
export function checkAttributes(
  defs: ReadonlyMap<string, AttributeDef>,
  attrs: Record<string, unknown>,
  prefix: (string | number)[],
): { values: Record<string, AttributeValue>; issues: { path: (string | number)[]; message: string }[] } {
  const values: Record<string, AttributeValue> = {};
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const [key, raw] of Object.entries(attrs)) {
    const def = defs.get(key);
    if (!def) {
      issues.push({ path: [...prefix, key], message: `no attribute "${key}" is defined (add it in Settings)` });
      continue;
    }
    const c = checkAttributeValue(def, raw);
    if (c.ok) values[key] = c.value;
    else issues.push({ path: [...prefix, key], message: c.message });
  }
  return { values, issues };
}
