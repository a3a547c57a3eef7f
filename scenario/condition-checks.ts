// Validation of condition trees against the account's attribute definitions (known keys, operators and value types).
import type { ComparisonOp, PropertyFilter } from './comparison';
import { leaves, type Condition } from './conditions';
import type { AttributeDefinition, AttributeType } from './friend';
import type { CodeMeanings, NodeIssue } from './nodes/types';

/** The codes these checks report; every kind that holds conditions or event filters declares them. */
export const CONDITION_CODES = {
  condition_value_missing: 'A comparison has no value.',
  condition_unknown_attribute: 'A condition names an attribute that is not defined.',
  condition_operator_type: "An operator that does not fit the attribute's type.",
  condition_value_type: "A value that does not fit the attribute's type.",
  condition_enum_value: 'A value that is not one of the enum options.',
} as const satisfies CodeMeanings;

const OPS_FOR: Record<AttributeType, readonly ComparisonOp[]> = {
  string: ['eq', 'neq', 'in', 'contains', 'exists'],
  number: ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'exists'],
  boolean: ['eq', 'neq', 'exists'],
  date: ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'exists'],
  enum: ['eq', 'neq', 'in', 'exists'],
};

function scalarFits(v: unknown, def: AttributeDefinition): boolean {
  switch (def.type) {
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
    case 'string':
    case 'enum':
      return typeof v === 'string';
  }
}

const TYPE_JA: Record<AttributeType, string> = { string: '文字列', number: '数値', boolean: '真偽値', date: '日付', enum: '選択肢' };

/** Event-property filters: every comparison but `exists` needs a value. */
export function checkFilters(filters: readonly PropertyFilter[], base: (string | number)[]): NodeIssue[] {
  return filters.flatMap((f, i) =>
    f.op !== 'exists' && f.value === undefined
      ? [
          {
            code: 'condition_value_missing',
            message: `The filter on "${f.property}" has no value to compare with.`,
            messageJa: `「${f.property}」の絞り込みに比較する値がありません。`,
            path: [...base, i, 'value'],
          },
        ]
      : [],
  );
}

export function checkCondition(
  condition: Condition,
  attributes: readonly AttributeDefinition[] | undefined,
  base: (string | number)[],
): NodeIssue[] {
  const issues: NodeIssue[] = [];
  for (const { leaf, path: rel } of leaves(condition)) {
    const path = [...base, ...rel];
    if (leaf.type === 'event_count') issues.push(...checkFilters(leaf.filter, [...path, 'filter']));
    if (leaf.type !== 'attribute') continue;
    if (leaf.op !== 'exists' && leaf.value === undefined) {
      issues.push({
        code: 'condition_value_missing',
        message: `The condition on "${leaf.key}" has no value to compare with.`,
        messageJa: `「${leaf.key}」の条件に比較する値がありません。`,
        path: [...path, 'value'],
      });
      continue;
    }
    if (!attributes) continue;
    const def = attributes.find((a) => a.key === leaf.key);
    if (!def) {
      issues.push({
        code: 'condition_unknown_attribute',
        message: `There is no friend field "${leaf.key}"; pick one of the defined fields.`,
        messageJa: `友だち情報「${leaf.key}」は定義されていません。`,
        path: [...path, 'key'],
      });
      continue;
    }
    if (!OPS_FOR[def.type].includes(leaf.op)) {
      issues.push({
        code: 'condition_operator_type',
        message: `"${def.label}" is a ${def.type} field; it cannot be compared with "${leaf.op}".`,
        messageJa: `「${def.label}」は${TYPE_JA[def.type]}なので、この比較（${leaf.op}）は使えません。`,
        path: [...path, 'op'],
      });
      continue;
    }
    if (leaf.op === 'exists') continue;
    const values = leaf.op === 'in' ? leaf.value : [leaf.value];
    if (!Array.isArray(values) || values.some((v) => !scalarFits(v, def))) {
      issues.push({
        code: 'condition_value_type',
        message:
          leaf.op === 'in'
            ? `"${def.label}" needs a list of ${def.type} values to compare with.`
            : `"${def.label}" is a ${def.type} field; the value ${JSON.stringify(leaf.value)} is not a ${def.type}${def.type === 'date' ? ' (YYYY-MM-DD)' : ''}.`,
        messageJa: `「${def.label}」（${TYPE_JA[def.type]}）に合わない値です。`,
        path: [...path, 'value'],
      });
      continue;
    }
    if (def.type === 'enum') {
      const bad = values.filter((v) => typeof v === 'string' && !(def.options ?? []).includes(v));
      if (bad.length > 0) {
        issues.push({
          code: 'condition_enum_value',
          message: `"${bad.join('", "')}" is not one of the choices for "${def.label}" (${(def.options ?? []).join(', ')}).`,
          messageJa: `「${bad.join('」「')}」は「${def.label}」の選択肢にありません。`,
          path: [...path, 'value'],
        });
      }
    }
  }
  return issues;
}
