// Table-driven tests: one broken graph per validation code, each reported with its place.
import { describe, expect, it } from 'vitest';
import { cardsToFlex, type Card } from './cards';
import type { CouponRef } from './coupons';
import { graphOf, text, trig } from './fixtures';
import { richToImagemap, type RichMessage } from './rich-message';
import type { AttributeDefinition, ScenarioGraph } from './schema';
import { validate, type ValidationIssue } from './validate';
import { VALIDATION_CODES } from './validation-codes';

const attributes: AttributeDefinition[] = [
  { key: 'rank', label: '会員ランク', type: 'enum', options: ['gold', 'silver'] },
  { key: 'birthday', label: '誕生日', type: 'date' },
  { key: 'points', label: 'ポイント', type: 'number' },
  { key: 'city', label: '地域', type: 'string' },
];

/** A valid graph: trigger → send → wait → branch(gold → send → end | else → end). */
function base(): ScenarioGraph {
  return graphOf(
    [
      trig(),
      text('hello', 'こんにちは {{friend.displayName}}'),
      { id: 'wait', kind: 'wait', data: { mode: 'duration', amount: 1, unit: 'days' } },
      {
        id: 'branch',
        kind: 'branch',
        data: { cases: [{ id: 'gold', condition: { type: 'attribute', key: 'rank', op: 'eq', value: 'gold' } }] },
      },
      text('gold', 'ゴールド会員様へ'),
      { id: 'end1', kind: 'end', data: {} },
      { id: 'end2', kind: 'end', data: {} },
    ],
    [
      ['trigger', 'next', 'hello'],
      ['hello', 'next', 'wait'],
      ['wait', 'next', 'branch'],
      ['branch', 'case:gold', 'gold'],
      ['branch', 'else', 'end2'],
      ['gold', 'next', 'end1'],
    ],
  );
}

type Mutable = { nodes: unknown[]; edges: unknown[]; settings: Record<string, unknown>; schemaVersion: unknown };
/** A deep copy as plain JSON, so tests can break it in ways the types would forbid. */
function broken(f: (g: Mutable) => void): unknown {
  const g: Mutable = JSON.parse(JSON.stringify(base()));
  f(g);
  return g;
}
const node = (id: string, kind: string, data: unknown) => ({ id, kind, position: { x: 0, y: 0 }, data });
const edge = (id: string, source: string, sourceHandle: string, target: string) => ({ id, source, sourceHandle, target });
/** Replaces the data of node `id`. */
const setData = (g: Mutable, id: string, data: unknown) => {
  g.nodes = g.nodes.map((n) => (typeof n === 'object' && n !== null && 'id' in n && n.id === id ? { ...n, data } : n));
};
/** Turns node `id` into an action node with this action. */
const setAction = (g: Mutable, id: string, action: unknown) => {
  g.nodes = g.nodes.map((n) => (typeof n === 'object' && n !== null && 'id' in n && n.id === id ? node(id, 'action', { action }) : n));
};
const sendOf = (...messages: unknown[]) => ({ messages, trackLinks: true });
const buttons = (
  over: Record<string, unknown> = {},
  action: Record<string, unknown> = { type: 'uri', label: '見る', uri: 'https://shop.example.jp' },
) => ({
  type: 'template',
  altText: 'お知らせ',
  template: { type: 'buttons', text: '本文', actions: [action], ...over },
});
const bubble = (extra: Record<string, unknown> = {}) => ({
  type: 'bubble',
  body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'hi' }] },
  ...extra,
});
const cardButton = { kind: 'uri', label: '見る', value: 'https://shop.example.jp' } as const;
const card = (over: Partial<Card> = {}): Card => ({ title: 'セール', text: '本文', buttons: [cardButton], ...over });
const cond = (c: unknown) => ({ cases: [{ id: 'gold', condition: c }] });

type Row = [code: string, graph: unknown, where: Partial<ValidationIssue>];
const rows: Row[] = [
  [
    'schema_invalid',
    broken((g) => setData(g, 'wait', { mode: 'duration', amount: 'one', unit: 'days' })),
    { nodeId: 'wait', path: ['nodes', 2, 'data', 'amount'] },
  ],
  [
    'schema_invalid',
    broken((g) =>
      setData(g, 'hello', sendOf({ type: 'flex', altText: 'x', contents: { type: 'bubble', body: { type: 'box', contents: [] } } })),
    ),
    { nodeId: 'hello', path: ['nodes', 1, 'data', 'messages', 0, 'contents', 'body', 'layout'] },
  ],
  ['schema_invalid', broken((g) => (g.settings.timeZone = 'Mars/Olympus')), { path: ['settings', 'timeZone'] }],
  ['schema_version', broken((g) => (g.schemaVersion = 2)), { path: ['schemaVersion'] }],
  ['quiet_hours_empty', broken((g) => (g.settings.quietHours = { start: '21:00', end: '21:00' })), { path: ['settings', 'quietHours'] }],
  ['duplicate_node_id', broken((g) => g.nodes.push(node('hello', 'end', {}))), { nodeId: 'hello', path: ['nodes', 7, 'id'] }],
  [
    'duplicate_edge_id',
    broken((g) => {
      g.nodes.push(node('end3', 'end', {}));
      g.edges.push(edge('e1', 'end2', 'x', 'end3'));
    }),
    { edgeId: 'e1', path: ['edges', 6] },
  ],
  ['trigger_missing', broken((g) => (g.nodes = g.nodes.slice(1))), { path: ['nodes'] }],
  [
    'trigger_multiple',
    broken((g) => g.nodes.push(node('trigger2', 'trigger', { trigger: { type: 'tag_added', tag: 'vip' } }))),
    { nodeId: 'trigger2' },
  ],
  [
    'trigger_send_at_invalid',
    broken((g) =>
      setData(g, 'trigger', {
        trigger: { type: 'segment_broadcast', sendAt: '2025-02-30T10:00', audience: { type: 'all', conditions: [] } },
      }),
    ),
    { nodeId: 'trigger', path: ['nodes', 0, 'data', 'trigger', 'sendAt'] },
  ],
  [
    'trigger_regex_invalid',
    broken((g) => setData(g, 'trigger', { trigger: { type: 'message_received', match: { mode: 'regex', pattern: '(?=a)b' } } })),
    { nodeId: 'trigger', path: ['nodes', 0, 'data', 'trigger', 'match', 'pattern'] },
  ],
  [
    'condition_value_missing',
    broken((g) => setData(g, 'trigger', { trigger: { type: 'event', eventName: 'purchase', filter: [{ property: 'total', op: 'gte' }] } })),
    { nodeId: 'trigger', path: ['nodes', 0, 'data', 'trigger', 'filter', 0, 'value'] },
  ],
  ['edge_unknown_source', broken((g) => g.edges.push(edge('e9', 'ghost', 'next', 'end1'))), { edgeId: 'e9', path: ['edges', 6] }],
  ['edge_unknown_target', broken((g) => g.edges.push(edge('e9', 'end1', 'next', 'ghost'))), { edgeId: 'e9' }],
  ['edge_into_trigger', broken((g) => g.edges.push(edge('e9', 'gold', 'next', 'trigger'))), { edgeId: 'e9', nodeId: 'trigger' }],
  ['edge_unknown_output', broken((g) => g.edges.push(edge('e9', 'branch', 'case:silver', 'end1'))), { edgeId: 'e9', nodeId: 'branch' }],
  ['output_connected_twice', broken((g) => g.edges.push(edge('e9', 'gold', 'next', 'end2'))), { edgeId: 'e9', nodeId: 'gold' }],
  [
    'output_unconnected',
    broken((g) => (g.edges = g.edges.filter((e) => JSON.stringify(e).indexOf('"else"') < 0))),
    { nodeId: 'branch', path: ['nodes', 3] },
  ],
  ['node_unreachable', broken((g) => g.nodes.push(node('orphan', 'end', {}))), { nodeId: 'orphan', path: ['nodes', 7] }],
  [
    'cycle_without_wait',
    broken((g) => {
      g.edges = g.edges.filter((e) => JSON.stringify(e).indexOf('"e6"') < 0);
      g.edges.push(edge('e9', 'gold', 'next', 'branch'));
    }),
    { nodeId: 'branch' },
  ],
  [
    'condition_value_missing',
    broken((g) => setData(g, 'branch', cond({ type: 'attribute', key: 'rank', op: 'eq' }))),
    { nodeId: 'branch', path: ['nodes', 3, 'data', 'cases', 0, 'condition', 'value'] },
  ],
  [
    'condition_unknown_attribute',
    broken((g) => setData(g, 'branch', cond({ type: 'all', conditions: [{ type: 'attribute', key: 'shoeSize', op: 'gt', value: 25 }] }))),
    { path: ['nodes', 3, 'data', 'cases', 0, 'condition', 'conditions', 0, 'key'] },
  ],
  [
    'condition_operator_type',
    broken((g) => setData(g, 'branch', cond({ type: 'attribute', key: 'rank', op: 'gt', value: 'gold' }))),
    { path: ['nodes', 3, 'data', 'cases', 0, 'condition', 'op'] },
  ],
  [
    'condition_value_type',
    broken((g) => setData(g, 'branch', cond({ type: 'attribute', key: 'points', op: 'gte', value: '100' }))),
    { path: ['nodes', 3, 'data', 'cases', 0, 'condition', 'value'] },
  ],
  [
    'condition_enum_value',
    broken((g) => setData(g, 'branch', cond({ type: 'attribute', key: 'rank', op: 'in', value: ['gold', 'platinum'] }))),
    { nodeId: 'branch' },
  ],
  [
    'wait_zero',
    broken((g) => setData(g, 'wait', { mode: 'duration', amount: 0, unit: 'hours' })),
    { nodeId: 'wait', path: ['nodes', 2, 'data', 'amount'] },
  ],
  [
    'wait_time_needs_days',
    broken((g) => setData(g, 'wait', { mode: 'duration', amount: 3, unit: 'hours', atTime: '10:00' })),
    { path: ['nodes', 2, 'data', 'atTime'] },
  ],
  [
    'wait_unknown_attribute',
    broken((g) => setData(g, 'wait', { mode: 'date_attribute', attribute: 'anniversary', time: '10:00' })),
    { path: ['nodes', 2, 'data', 'attribute'] },
  ],
  [
    'wait_attribute_not_date',
    broken((g) => setData(g, 'wait', { mode: 'date_attribute', attribute: 'points', time: '10:00' })),
    { nodeId: 'wait' },
  ],
  [
    'branch_no_cases',
    broken((g) => {
      setData(g, 'branch', { cases: [] });
      g.edges = g.edges.filter((e) => JSON.stringify(e).indexOf('case:gold') < 0);
    }),
    { nodeId: 'branch' },
  ],
  [
    'duplicate_case_id',
    broken((g) =>
      setData(g, 'branch', {
        cases: [
          { id: 'gold', condition: { type: 'linked' } },
          { id: 'gold', condition: { type: 'linked' } },
        ],
      }),
    ),
    { path: ['nodes', 3, 'data', 'cases', 1, 'id'] },
  ],
  [
    'split_too_few_variants',
    broken((g) => {
      g.nodes.push(node('ab', 'split', { variants: [{ id: 'a', label: 'A', weight: 1 }] }));
      g.edges.push(edge('e9', 'end2', 'x', 'ab'));
    }),
    { nodeId: 'ab' },
  ],
  [
    'split_weight_not_positive',
    broken((g) =>
      g.nodes.push(
        node('ab', 'split', {
          variants: [
            { id: 'a', label: 'A', weight: 1 },
            { id: 'b', label: 'B', weight: 0 },
          ],
        }),
      ),
    ),
    { nodeId: 'ab', path: ['nodes', 7, 'data', 'variants', 1, 'weight'] },
  ],
  [
    'split_holdout_range',
    broken((g) =>
      g.nodes.push(
        node('ab', 'split', {
          variants: [
            { id: 'a', label: 'A', weight: 1 },
            { id: 'b', label: 'B', weight: 1 },
          ],
          holdoutPercent: 60,
        }),
      ),
    ),
    { nodeId: 'ab', path: ['nodes', 7, 'data', 'holdoutPercent'] },
  ],
  [
    'split_goal_missing',
    broken((g) =>
      g.nodes.push(
        node('ab', 'split', {
          variants: [
            { id: 'a', label: 'A', weight: 1 },
            { id: 'b', label: 'B', weight: 1 },
          ],
          metric: 'goal',
        }),
      ),
    ),
    { nodeId: 'ab', path: ['nodes', 7, 'data', 'metric'] },
  ],
  [
    'duplicate_variant_id',
    broken((g) =>
      g.nodes.push(
        node('ab', 'split', {
          variants: [
            { id: 'a', label: 'A', weight: 1 },
            { id: 'a', label: 'B', weight: 1 },
          ],
        }),
      ),
    ),
    { nodeId: 'ab' },
  ],
  [
    'action_unknown_attribute',
    broken((g) => setAction(g, 'gold', { type: 'set_attribute', key: 'shoeSize', value: 25 })),
    { path: ['nodes', 4, 'data', 'action', 'key'] },
  ],
  [
    'action_value_type',
    broken((g) => setAction(g, 'gold', { type: 'set_attribute', key: 'rank', value: 'platinum' })),
    { path: ['nodes', 4, 'data', 'action', 'value'] },
  ],
  [
    'template_syntax',
    broken((g) => setData(g, 'hello', sendOf({ type: 'text', text: 'こんにちは {{friend.displayName' }))),
    { path: ['nodes', 1, 'data', 'messages', 0, 'text'] },
  ],
  [
    'template_unknown_placeholder',
    broken((g) => setData(g, 'hello', sendOf({ type: 'text', text: '{{user.name}}' }))),
    { nodeId: 'hello' },
  ],
  [
    'template_unknown_attribute',
    broken((g) => setData(g, 'hello', sendOf({ type: 'text', text: '{{attr.shoeSize|?}}' }))),
    { nodeId: 'hello' },
  ],
  [
    'send_message_count',
    broken((g) => setData(g, 'hello', sendOf(...Array.from({ length: 6 }, () => ({ type: 'text', text: 'x' }))))),
    { path: ['nodes', 1, 'data', 'messages'] },
  ],
  [
    'line_text_empty',
    broken((g) => setData(g, 'hello', sendOf({ type: 'text', text: '  ' }))),
    { path: ['nodes', 1, 'data', 'messages', 0, 'text'] },
  ],
  [
    'line_text_too_long',
    broken((g) => setData(g, 'hello', sendOf({ type: 'text', text: '🍎'.repeat(2501) }))),
    { path: ['nodes', 1, 'data', 'messages', 0, 'text'] },
  ],
  [
    'line_alt_text_empty',
    broken((g) => setData(g, 'hello', sendOf({ type: 'flex', altText: '', contents: bubble() }))),
    { path: ['nodes', 1, 'data', 'messages', 0, 'altText'] },
  ],
  [
    'line_alt_text_too_long',
    broken((g) => setData(g, 'hello', sendOf({ ...buttons(), altText: 'あ'.repeat(401) }))),
    { path: ['nodes', 1, 'data', 'messages', 0, 'altText'] },
  ],
  [
    'line_url_invalid',
    broken((g) =>
      setData(
        g,
        'hello',
        sendOf({ type: 'image', originalContentUrl: 'http://img.example.jp/a.jpg', previewImageUrl: 'https://img.example.jp/a.jpg' }),
      ),
    ),
    { path: ['nodes', 1, 'data', 'messages', 0, 'originalContentUrl'] },
  ],
  [
    'line_url_too_long',
    broken((g) => setData(g, 'hello', sendOf(buttons({}, { type: 'uri', label: '見る', uri: `https://x.jp/${'a'.repeat(1000)}` })))),
    { path: ['nodes', 1, 'data', 'messages', 0, 'template', 'actions', 0, 'uri'] },
  ],
  [
    'line_label_missing',
    broken((g) => setData(g, 'hello', sendOf(buttons({}, { type: 'message', text: 'はい' })))),
    { path: ['nodes', 1, 'data', 'messages', 0, 'template', 'actions', 0, 'label'] },
  ],
  [
    'line_label_too_long',
    broken((g) => setData(g, 'hello', sendOf(buttons({}, { type: 'message', label: 'あ'.repeat(21), text: 'はい' })))),
    { path: ['nodes', 1, 'data', 'messages', 0, 'template', 'actions', 0, 'label'] },
  ],
  [
    'line_action_data_too_long',
    broken((g) => setData(g, 'hello', sendOf(buttons({}, { type: 'postback', label: '応募', data: 'x'.repeat(301) })))),
    { nodeId: 'hello' },
  ],
  [
    'line_title_too_long',
    broken((g) => setData(g, 'hello', sendOf(buttons({ title: 'あ'.repeat(41) })))),
    { path: ['nodes', 1, 'data', 'messages', 0, 'template', 'title'] },
  ],
  [
    'line_buttons_text_too_long',
    broken((g) => setData(g, 'hello', sendOf(buttons({ title: 'セール', text: 'あ'.repeat(61) })))),
    { path: ['nodes', 1, 'data', 'messages', 0, 'template', 'text'] },
  ],
  [
    'line_actions_count',
    broken((g) => setData(g, 'hello', sendOf({ ...buttons(), template: { type: 'buttons', text: 'x', actions: [] } }))),
    { nodeId: 'hello' },
  ],
  [
    'line_flex_bubbles',
    broken((g) =>
      setData(
        g,
        'hello',
        sendOf({ type: 'flex', altText: 'x', contents: { type: 'carousel', contents: Array.from({ length: 13 }, () => bubble()) } }),
      ),
    ),
    { nodeId: 'hello' },
  ],
  ...(
    [
      ['card_count', Array.from({ length: 11 }, () => card())],
      ['card_title_empty', [card({ title: '' })]],
      ['card_title_too_long', [card({ title: 'あ'.repeat(41) })]],
      ['card_text_too_long', [card({ text: 'あ'.repeat(161) })]],
      ['card_buttons_count', [card({ buttons: Array.from({ length: 4 }, () => cardButton) })]],
      ['card_button_empty', [card({ buttons: [{ ...cardButton, label: '' }] })]],
    ] as const
  ).map(([code, cards]): Row => [
    code,
    broken((g) => setData(g, 'hello', sendOf(cardsToFlex({ altText: 'カード', cards: [...cards] })))),
    { nodeId: 'hello' },
  ]),
  [
    'line_flex_too_large',
    broken((g) =>
      setData(
        g,
        'hello',
        sendOf({ type: 'flex', altText: 'x', contents: bubble({ styles: { body: { backgroundColor: 'x'.repeat(31_000) } } }) }),
      ),
    ),
    { nodeId: 'hello' },
  ],
];

// The question node's codes: node 'wait' becomes a question (its outputs other than 'choice:a' are left unconnected).
const question = (over: Record<string, unknown>) => (g: Mutable) =>
  setData(g, 'wait', {
    text: '好きな色は？',
    choices: [{ id: 'a', label: '赤', value: 'red' }],
    timeout: { mode: 'duration', amount: 1, unit: 'days' },
    ...over,
  });
const asQuestion = (over: Record<string, unknown>) =>
  broken((g) => {
    g.nodes = g.nodes.map((n) => (typeof n === 'object' && n !== null && 'id' in n && n.id === 'wait' ? node('wait', 'question', {}) : n));
    question(over)(g);
  });
rows.push(
  ['question_choice_count', asQuestion({ choices: [] }), { nodeId: 'wait', path: ['nodes', 2, 'data', 'choices'] }],
  [
    'question_choice_label',
    asQuestion({ choices: [{ id: 'a', label: 'とても長いラベルの選択肢ですがこれは二十文字を超えます' }] }),
    { nodeId: 'wait' },
  ],
  [
    'question_buttons_count',
    asQuestion({ display: 'buttons', choices: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, label: id.toUpperCase() })) }),
    { nodeId: 'wait', path: ['nodes', 2, 'data', 'choices'] },
  ],
  [
    'question_buttons_text',
    asQuestion({ display: 'buttons', text: 'あ'.repeat(161) }),
    { nodeId: 'wait', path: ['nodes', 2, 'data', 'text'] },
  ],
  ['question_unknown_attribute', asQuestion({ saveTo: { key: 'color', type: 'string' } }), { nodeId: 'wait' }],
  [
    'question_attribute_type',
    asQuestion({ saveTo: { key: 'points', type: 'number' } }),
    { nodeId: 'wait', path: ['nodes', 2, 'data', 'choices', 0, 'value'] },
  ],
);

// Rich messages (imagemaps): the builder's rules and LINE's.
const richOf = (over: Partial<RichMessage>) =>
  broken((g) =>
    setData(
      g,
      'hello',
      sendOf(
        richToImagemap({
          baseUrl: 'https://kizuna.example.jp/media/0b0c6a36-49a4-4f7e-9f8c-1c1c7a2a8f00/rich',
          height: 520,
          altText: 'セール',
          layout: 'two-columns',
          areas: [
            { kind: 'uri', value: 'https://shop.example.jp' },
            { kind: 'message', value: '在庫は？' },
          ],
          ...over,
        }),
      ),
    ),
  );
const richArea = (kind: 'uri' | 'message' | 'none', value: string) => [
  { kind, value },
  { kind: 'none' as const, value: '' },
];
rows.push(
  ['rich_image_missing', richOf({ baseUrl: '' }), { nodeId: 'hello' }],
  ['rich_no_action', richOf({ areas: richArea('none', '') }), { nodeId: 'hello' }],
  ['rich_area_empty', richOf({ areas: richArea('message', ' ') }), { nodeId: 'hello' }],
  ['rich_area_not_https', richOf({ areas: richArea('uri', 'http://shop.example.jp') }), { nodeId: 'hello' }],
  [
    'line_imagemap_actions',
    broken((g) =>
      setData(
        g,
        'hello',
        sendOf({ type: 'imagemap', baseUrl: 'https://a.example/r', altText: 'x', baseSize: { width: 1040, height: 520 }, actions: [] }),
      ),
    ),
    { nodeId: 'hello' },
  ],
  [
    'line_imagemap_area',
    broken((g) =>
      setData(
        g,
        'hello',
        sendOf({
          type: 'imagemap',
          baseUrl: 'https://a.example/r',
          altText: 'x',
          baseSize: { width: 1040, height: 520 },
          actions: [{ type: 'message', text: 'x', area: { x: 0, y: 0, width: 1040, height: 600 } }],
        }),
      ),
    ),
    { nodeId: 'hello' },
  ],
);

// Coupons: the account's coupons are known at publish; a send naming an unknown or closed one is refused.
const coupons: CouponRef[] = [
  { couponId: 'c-open', title: '春の10%オフ', status: 'RUNNING' },
  { couponId: 'c-closed', title: '冬のセール', status: 'CLOSED' },
];
const couponOf = (couponId: string) => broken((g) => setData(g, 'hello', sendOf({ type: 'coupon', couponId })));
rows.push(
  ['coupon_missing', couponOf(''), { nodeId: 'hello', path: ['nodes', 1, 'data', 'messages', 0, 'couponId'] }],
  ['coupon_unknown', couponOf('c-gone'), { nodeId: 'hello' }],
  ['coupon_closed', couponOf('c-closed'), { nodeId: 'hello' }],
);

describe('validate', () => {
  it('accepts the base graph', () => {
    expect(validate(base(), { attributes })).toEqual([]);
  });

  it.each(rows)('%s', (code, graph, where) => {
    const issues = validate(graph, { attributes, coupons });
    const hit = issues.find((i) => i.code === code);
    expect(hit, JSON.stringify(issues, null, 1)).toBeDefined();
    expect(hit).toMatchObject(where);
    expect(hit?.message.length).toBeGreaterThan(10);
  });

  it('has a table row for every code it can report', () => {
    const tested = new Set(rows.map(([code]) => code));
    expect(Object.keys(VALIDATION_CODES).filter((c) => !tested.has(c))).toEqual([]);
    for (const [, graph] of rows) for (const i of validate(graph, { attributes })) expect(Object.keys(VALIDATION_CODES)).toContain(i.code);
  });

  it('never throws, whatever it is given', () => {
    for (const junk of [null, 42, 'graph', [], { nodes: 'x' }, { schemaVersion: 1, nodes: [null, 1, {}], edges: [null] }]) {
      expect(() => validate(junk)).not.toThrow();
      expect(validate(junk).length).toBeGreaterThan(0);
    }
  });

  it('reports every problem at once', () => {
    const g = broken((g) => {
      g.nodes.push(node('orphan', 'end', {}));
      setData(g, 'wait', { mode: 'duration', amount: 0, unit: 'hours' });
      g.edges.push(edge('e9', 'gold', 'next', 'trigger'));
    });
    expect(
      validate(g)
        .map((i) => i.code)
        .sort(),
    ).toEqual(['edge_into_trigger', 'node_unreachable', 'wait_zero']);
  });

  it('skips attribute checks when no definitions are given, but not structure', () => {
    const g = broken((g) => setData(g, 'branch', cond({ type: 'attribute', key: 'shoeSize', op: 'gt', value: 25 })));
    expect(validate(g)).toEqual([]);
  });

  it('accepts a loop that holds a wait, and a URL made only of a placeholder', () => {
    const g = broken((g) => {
      g.edges = g.edges.filter((e) => JSON.stringify(e).indexOf('"e6"') < 0);
      g.edges.push(edge('e9', 'gold', 'next', 'wait'));
      g.nodes = g.nodes.filter((n) => JSON.stringify(n).indexOf('"end1"') < 0);
      setData(g, 'hello', sendOf(buttons({}, { type: 'uri', label: '見る', uri: '{{event.url}}' })));
    });
    expect(validate(g)).toEqual([]);
  });
});
