// Action node: add or remove a tag, or set a friend attribute; the engine persists it.
import { z } from 'zod';
import { AttributeKeySchema, AttributeValueSchema, type AttributeValue } from '../friend';
import { defineNode } from './define-node';
import type { NodeIssue } from './types';

export const ActionSpecSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('add_tag'), tag: z.string().min(1) }),
  z.object({ type: z.literal('remove_tag'), tag: z.string().min(1) }),
  z.object({ type: z.literal('set_attribute'), key: AttributeKeySchema, value: AttributeValueSchema }),
  /** Links one of Kizuna's rich menus to the friend (per-user link; the menu's name is shown on the canvas). */
  z.object({ type: z.literal('switch_rich_menu'), menuId: z.uuid(), menuName: z.string().default('') }),
]);
export type ActionSpec = z.infer<typeof ActionSpecSchema>;
export const ActionDataSchema = z.object({ action: ActionSpecSchema });

function describe(a: ActionSpec, lang: 'ja' | 'en'): string {
  const ja = lang === 'ja';
  switch (a.type) {
    case 'add_tag':
      return ja ? `タグ「${a.tag}」を追加` : `add tag ${a.tag}`;
    case 'remove_tag':
      return ja ? `タグ「${a.tag}」を外す` : `remove tag ${a.tag}`;
    case 'set_attribute':
      return ja ? `${a.key} を ${String(a.value)} に設定` : `set ${a.key} = ${String(a.value)}`;
    case 'switch_rich_menu':
      return ja ? `リッチメニューを「${a.menuName || a.menuId}」に切替` : `switch rich menu to ${a.menuName || a.menuId}`;
  }
}

function valueFits(value: AttributeValue, type: string, options: readonly string[] | undefined): boolean {
  if (value === null) return true;
  switch (type) {
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value);
    case 'enum':
      return typeof value === 'string' && (options ?? []).includes(value);
    default:
      return typeof value === 'string';
  }
}

export const actionNode = defineNode(
  'action',
  ActionDataSchema,
)({
  label: { ja: 'アクション', en: 'Action' },
  codes: {
    action_unknown_attribute: 'A set-attribute action on an attribute that is not defined.',
    action_value_type: "A set-attribute value that does not fit the attribute's type.",
  },
  outputs: () => ['next'],
  summary: (d, lang) => describe(d.action, lang),
  explain: (d, _taken, lang) => describe(d.action, lang),
  defaultData: () => ({ action: { type: 'add_tag', tag: 'tag' } }),
  readsFriend: () => false,
  alwaysWaits: () => false,
  check(d, ctx) {
    const a = d.action;
    if (a.type !== 'set_attribute' || !ctx.attributes) return [];
    const def = ctx.attributes.find((x) => x.key === a.key);
    const issues: NodeIssue[] = [];
    if (!def) {
      issues.push({
        code: 'action_unknown_attribute',
        message: `There is no friend field "${a.key}" to set.`,
        messageJa: `友だち情報「${a.key}」は存在しません。`,
        path: ['action', 'key'],
      });
    } else if (!valueFits(a.value, def.type, def.options)) {
      issues.push({
        code: 'action_value_type',
        message: `"${String(a.value)}" is not a valid ${def.type} for "${def.label}".`,
        messageJa: `「${String(a.value)}」は「${def.label}」（${def.type}）に設定できない値です。`,
        path: ['action', 'value'],
      });
    }
    return issues;
  },
  run: (d) => ({ type: 'go', output: 'next', reason: describe(d.action, 'en'), action: d.action }),
});
