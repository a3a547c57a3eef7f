// Table-driven tests for every node kind: the registry entry, palette defaults, outputs, summaries in Japanese and English, one run step.
import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { friendFixture } from '../fixtures';
import { NodeSchema, NODE_KINDS, type NodeDataUnion, type NodeKind, type PlanSettings } from '../schema';
import { DAY } from '../time';
import { VALIDATION_CODES } from '../validation-codes';
import {
  defaultNodeData,
  NODE_LABELS,
  nodeRegistry,
  nodeSlices,
  outputLabelOf,
  outputsOf,
  runNode,
  summaryOf,
  type RunContext,
} from './index';

const T0 = Date.parse('2025-04-01T15:23:00+09:00'); // a Tuesday
const settings: PlanSettings = { timeZone: 'Asia/Tokyo', splitSalt: 's' };
const ctx = (over: Partial<RunContext> = {}): RunContext => ({
  nodeId: 'n',
  now: T0,
  startedAt: T0,
  friend: friendFixture({ attributes: { rank: 'gold', birthday: '1990-06-15', points: 120 }, tags: ['vip'], linked: true }),
  settings,
  triggerEvent: { itemName: 'スニーカー' },
  runId: 'r',
  visit: 1,
  ...over,
});

describe('the registry', () => {
  it('lists each kind once, under its own name', () => {
    expect(Object.keys(nodeSlices)).toEqual(NODE_KINDS);
    expect(new Set(NODE_KINDS).size).toBe(NODE_KINDS.length);
    for (const kind of NODE_KINDS) expect(nodeRegistry[kind].kind).toBe(kind);
  });

  it.each(NODE_KINDS)('%s: has a data schema, a label in both languages, outputs and declared codes', <K extends NodeKind>(kind: K) => {
    const n = nodeRegistry[kind];
    expect(n.schema.safeParse(n.defaultData()).success).toBe(true);
    expect(NODE_LABELS[kind].ja.length).toBeGreaterThan(0);
    expect(NODE_LABELS[kind].en.length).toBeGreaterThan(0);
    expect(n.outputs(n.defaultData()).every((o) => typeof o === 'string' && o.length > 0)).toBe(true);
    for (const code of Object.keys(n.codes)) expect(VALIDATION_CODES).toHaveProperty(code);
  });

  it('gives every kind its own label', () => {
    expect(new Set(NODE_KINDS.map((k) => NODE_LABELS[k].ja)).size).toBe(NODE_KINDS.length);
    expect(new Set(NODE_KINDS.map((k) => NODE_LABELS[k].en)).size).toBe(NODE_KINDS.length);
  });

  it('builds the graph and plan schemas from every kind', () => {
    for (const kind of NODE_KINDS) {
      const node = { id: 'n', kind, position: { x: 0, y: 0 }, data: defaultNodeData(kind) };
      expect(NodeSchema.parse(node)).toEqual(node);
    }
    expect(NodeSchema.safeParse({ id: 'n', kind: 'switch_rich_menu', position: { x: 0, y: 0 }, data: {} }).success).toBe(false);
    const plan = compile({
      schemaVersion: 1,
      settings: { timeZone: 'Asia/Tokyo', splitSalt: 's' },
      nodes: [
        { id: 't', kind: 'trigger', position: { x: 0, y: 0 }, data: defaultNodeData('trigger') },
        { id: 'e', kind: 'end', position: { x: 0, y: 0 }, data: {} },
      ],
      edges: [{ id: 'e1', source: 't', sourceHandle: 'next', target: 'e' }],
    });
    expect(plan.nodes.t).toEqual({ id: 't', kind: 'trigger', data: defaultNodeData('trigger'), next: { next: 'e' } });
  });
});

describe('palette defaults', () => {
  it.each(NODE_KINDS)('%s: default data is valid and the registry entry is keyed by its kind', (kind) => {
    expect(nodeRegistry[kind].kind).toBe(kind);
    expect(NodeSchema.safeParse({ id: 'n', kind, position: { x: 0, y: 0 }, data: defaultNodeData(kind) }).success).toBe(true);
  });
});

type Row = { name: string; node: NodeDataUnion; outputs: string[]; ja: string; en: string; run: unknown; over?: Partial<RunContext> };
const rows: Row[] = [
  {
    name: 'trigger, friend added',
    node: { kind: 'trigger', data: { trigger: { type: 'friend_added', includeRefollow: true }, entryFilter: null, reEntry: 'once' } },
    outputs: ['next'],
    ja: '友だち追加・ブロック解除時 (1回のみ)',
    en: 'when a friend is added or unblocks (once)',
    run: { type: 'go', output: 'next' },
  },
  {
    name: 'trigger, event with an entry filter that fails',
    node: {
      kind: 'trigger',
      data: {
        trigger: { type: 'event', eventName: 'cart_abandoned', filter: [] },
        entryFilter: { type: 'tag', tag: 'optout', has: true },
        reEntry: 'always',
      },
    },
    outputs: ['next'],
    ja: 'イベント cart_abandoned 発生時 / 条件: タグ「optout」あり (毎回参加)',
    en: 'on event cart_abandoned if tag optout (every time)',
    run: { type: 'end', reason: 'filtered' },
  },
  {
    name: 'trigger, segment broadcast outside the audience',
    node: {
      kind: 'trigger',
      data: {
        trigger: { type: 'segment_broadcast', sendAt: '2025-05-01T10:00', audience: { type: 'linked', linked: false } },
        entryFilter: null,
        reEntry: 'after_exit',
      },
    },
    outputs: ['next'],
    ja: '2025-05-01 10:00 に配信（ID未連携） (終了後に再参加可)',
    en: 'broadcast at 2025-05-01 10:00 to LINE ID not linked (re-enter after exit)',
    run: { type: 'end', reason: 'filtered' },
  },
  {
    name: 'wait, duration',
    node: { kind: 'wait', data: { mode: 'duration', amount: 3, unit: 'days' } },
    outputs: ['next'],
    ja: '3日後',
    en: 'after 3 days',
    run: { type: 'sleep', until: T0 + 3 * DAY, output: 'next' },
  },
  {
    name: 'wait, days at a time',
    node: { kind: 'wait', data: { mode: 'duration', amount: 7, unit: 'days', atTime: '10:00' } },
    outputs: ['next'],
    ja: '7日後の10:00',
    en: 'after 7 days at 10:00 JST',
    run: { type: 'sleep', until: Date.parse('2025-04-08T10:00:00+09:00') },
  },
  {
    name: 'wait, days after entry (counted from the run, not the previous step)',
    node: { kind: 'wait', data: { mode: 'after_entry', days: 3, time: '10:00' } },
    outputs: ['next'],
    ja: '登録から3日後の10:00',
    en: '3 days after entry at 10:00 JST',
    run: { type: 'sleep', until: Date.parse('2025-04-03T10:00:00+09:00'), output: 'next' },
    over: { startedAt: Date.parse('2025-03-31T23:00:00+09:00') },
  },
  {
    name: 'wait, time of day',
    node: { kind: 'wait', data: { mode: 'time_of_day', time: '19:00', daysOfWeek: [] } },
    outputs: ['next'],
    ja: '19:00まで',
    en: 'until 19:00 JST',
    run: { type: 'sleep', until: Date.parse('2025-04-01T19:00:00+09:00') },
  },
  {
    name: 'wait, time of day on weekdays',
    node: { kind: 'wait', data: { mode: 'time_of_day', time: '12:00', daysOfWeek: [1, 3] } },
    outputs: ['next'],
    ja: '月・水 12:00まで',
    en: 'until Mon, Wed 12:00 JST',
    run: { type: 'sleep', until: Date.parse('2025-04-02T12:00:00+09:00') },
  },
  {
    name: 'wait, birthday',
    node: {
      kind: 'wait',
      data: { mode: 'date_attribute', attribute: 'birthday', offsetDays: -3, time: '10:00', repeat: 'yearly', whenMissing: 'end' },
    },
    outputs: ['next'],
    ja: 'birthdayの3日前 10:00（毎年）',
    en: 'birthday −3 days at 10:00 JST (yearly)',
    run: { type: 'sleep', until: Date.parse('2025-06-12T10:00:00+09:00') },
  },
  {
    name: 'wait, date missing',
    node: {
      kind: 'wait',
      data: { mode: 'date_attribute', attribute: 'expiry', offsetDays: 0, time: '10:00', repeat: 'once', whenMissing: 'continue' },
    },
    outputs: ['next'],
    ja: 'expiryの当日 10:00',
    en: 'expiry at 10:00 JST',
    run: { type: 'go', output: 'next', reason: 'expiry is not set; continuing' },
  },
  {
    name: 'wait_for_event',
    node: {
      kind: 'wait_for_event',
      data: { eventName: 'purchase', filter: [], timeout: { mode: 'time_of_day', time: '19:00', daysOfWeek: [] } },
    },
    outputs: ['event', 'timeout'],
    ja: 'purchase を待つ（19:00まで）',
    en: 'wait for purchase (until 19:00 JST)',
    run: { type: 'await_event', eventName: 'purchase', until: Date.parse('2025-04-01T19:00:00+09:00') },
  },
  {
    name: 'question',
    node: {
      kind: 'question',
      data: {
        text: '好きな色は？',
        choices: [
          { id: 'a', label: '赤', value: 'red' },
          { id: 'b', label: '青', value: '' },
        ],
        saveTo: null,
        freeText: null,
        timeout: { mode: 'duration', amount: 1, unit: 'days' },
      },
    },
    outputs: ['choice:a', 'choice:b', 'other', 'timeout'],
    ja: '質問「好きな色は？」（選択肢2、1日後）',
    en: 'ask “好きな色は？” (2 choices, after 1 day)',
    run: {
      type: 'ask',
      until: T0 + DAY,
      messages: [
        {
          type: 'text',
          text: '好きな色は？',
          quickReply: {
            items: [
              { type: 'action', action: { type: 'postback', label: '赤', data: 'kz=q&r=r&n=n&v=1&c=0', displayText: '赤' } },
              { type: 'action', action: { type: 'postback', label: '青', data: 'kz=q&r=r&n=n&v=1&c=1', displayText: '青' } },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'question as a buttons template',
    node: {
      kind: 'question',
      data: {
        text: '好きな色は？',
        choices: [
          { id: 'a', label: '赤', value: 'red' },
          { id: 'b', label: '青', value: '' },
        ],
        display: 'buttons',
        saveTo: null,
        freeText: null,
        timeout: { mode: 'duration', amount: 1, unit: 'days' },
      },
    },
    outputs: ['choice:a', 'choice:b', 'other', 'timeout'],
    ja: '質問「好きな色は？」（ボタン2、1日後）',
    en: 'ask “好きな色は？” (2 buttons, after 1 day)',
    run: {
      type: 'ask',
      until: T0 + DAY,
      messages: [
        {
          type: 'template',
          altText: '好きな色は？',
          template: {
            type: 'buttons',
            text: '好きな色は？',
            actions: [
              { type: 'postback', label: '赤', data: 'kz=q&r=r&n=n&v=1&c=0', displayText: '赤' },
              { type: 'postback', label: '青', data: 'kz=q&r=r&n=n&v=1&c=1', displayText: '青' },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'branch, first case',
    node: {
      kind: 'branch',
      data: {
        cases: [
          { id: 'g', condition: { type: 'attribute', key: 'rank', op: 'eq', value: 'gold' } },
          { id: 'l', condition: { type: 'linked', linked: true } },
        ],
      },
    },
    outputs: ['case:g', 'case:l', 'else'],
    ja: 'rank = gold / ID連携済み',
    en: 'rank = gold / LINE ID linked',
    run: { type: 'go', output: 'case:g', reason: 'rank = gold → case 1' },
  },
  {
    name: 'branch, else',
    node: {
      kind: 'branch',
      data: {
        cases: [
          { id: 'p', label: '購入2回以上', condition: { type: 'event_count', eventName: 'purchase', filter: [], op: 'gte', count: 2 } },
        ],
      },
    },
    outputs: ['case:p', 'else'],
    ja: '購入2回以上',
    en: '購入2回以上',
    run: { type: 'go', output: 'else', reason: 'no case matched → else' },
  },
  {
    name: 'split',
    node: {
      kind: 'split',
      data: {
        variants: [
          { id: 'a', label: 'A', weight: 1 },
          { id: 'b', label: 'B', weight: 1 },
        ],
      },
    },
    outputs: ['variant:a', 'variant:b'],
    ja: 'A 50% / B 50%',
    en: 'A 50% / B 50%',
    run: { type: 'go', output: expect.stringMatching(/^variant:[ab]$/) },
  },
  {
    name: 'send, rendered',
    node: {
      kind: 'send',
      data: {
        messages: [
          { type: 'text', text: '{{friend.displayName}}さん、{{event.itemName}}が再入荷しました（{{attr.rank}}）' },
          { type: 'sticker', packageId: '1', stickerId: '2' },
        ],
        trackLinks: false,
      },
    },
    outputs: ['next'],
    ja: '［友だちの表示名］さん、［イベントのitemName］が再入… (+1)',
    en: '[display name]さん、[event itemNa… (+1)',
    run: {
      type: 'send',
      trackLinks: false,
      messages: [
        { type: 'text', text: '花子さん、スニーカーが再入荷しました（gold）' },
        { type: 'sticker', packageId: '1', stickerId: '2' },
      ],
    },
  },
  {
    name: 'send, over the limit once rendered',
    node: { kind: 'send', data: { messages: [{ type: 'text', text: '{{attr.bio}}' }], trackLinks: true } },
    outputs: ['next'],
    ja: '［bio］',
    en: '[bio]',
    run: { type: 'skip_send', reason: expect.stringContaining('5000') },
    over: { friend: friendFixture({ attributes: { bio: 'あ'.repeat(5001) } }) },
  },
  {
    name: 'send, in quiet hours',
    node: {
      kind: 'send',
      data: {
        messages: [
          { type: 'image', originalContentUrl: 'https://img.example.jp/a.jpg', previewImageUrl: 'https://img.example.jp/a-s.jpg' },
        ],
        trackLinks: true,
      },
    },
    outputs: ['next'],
    ja: '[画像]',
    en: '[image]',
    run: { type: 'sleep', output: null, until: Date.parse('2025-04-02T09:00:00+09:00') },
    over: { now: Date.parse('2025-04-01T22:00:00+09:00'), settings: { ...settings, quietHours: { start: '21:00', end: '09:00' } } },
  },
  {
    name: 'action, set attribute',
    node: { kind: 'action', data: { action: { type: 'set_attribute', key: 'rank', value: 'silver' } } },
    outputs: ['next'],
    ja: 'rank を silver に設定',
    en: 'set rank = silver',
    run: { type: 'go', output: 'next', action: { type: 'set_attribute', key: 'rank', value: 'silver' } },
  },
  {
    name: 'action, add tag',
    node: { kind: 'action', data: { action: { type: 'add_tag', tag: '購入者' } } },
    outputs: ['next'],
    ja: 'タグ「購入者」を追加',
    en: 'add tag 購入者',
    run: { type: 'go', output: 'next', reason: 'add tag 購入者' },
  },
  {
    name: 'action, switch rich menu',
    node: {
      kind: 'action',
      data: { action: { type: 'switch_rich_menu', menuId: '0f0e0d0c-0b0a-4908-8706-050403020100', menuName: 'VIP' } },
    },
    outputs: ['next'],
    ja: 'リッチメニューを「VIP」に切替',
    en: 'switch rich menu to VIP',
    run: {
      type: 'go',
      output: 'next',
      action: { type: 'switch_rich_menu', menuId: '0f0e0d0c-0b0a-4908-8706-050403020100', menuName: 'VIP' },
    },
  },
  {
    name: 'end',
    node: { kind: 'end', data: {} },
    outputs: [],
    ja: '終了',
    en: 'End',
    run: { type: 'end', reason: 'end' },
  },
];

it('has at least one row for every kind', () => {
  expect(NODE_KINDS.filter((k) => !rows.some((r) => r.node.kind === k))).toEqual([]);
});

describe.each(rows)('$name', ({ node, outputs, ja, en, run, over }) => {
  it('names its outputs', () => expect(outputsOf(node)).toEqual(outputs));
  it('summarises in Japanese and English', () => {
    expect(summaryOf(node, 'ja', { timeZone: 'Asia/Tokyo' })).toBe(ja);
    expect(summaryOf(node, 'en', { timeZone: 'Asia/Tokyo' })).toBe(en);
  });
  it('runs one step', () => expect(runNode(node, ctx(over))).toMatchObject(run as object));
});

describe('summaries elsewhere', () => {
  it('names the zone outside Japan and uses attribute labels', () => {
    const node: NodeDataUnion = { kind: 'wait', data: { mode: 'time_of_day', time: '19:00', daysOfWeek: [] } };
    expect(summaryOf(node, 'ja', { timeZone: 'America/New_York' })).toBe('19:00 (America/New_York)まで');
    const bday: NodeDataUnion = {
      kind: 'wait',
      data: { mode: 'date_attribute', attribute: 'birthday', offsetDays: 0, time: '10:00', repeat: 'yearly', whenMissing: 'end' },
    };
    expect(summaryOf(bday, 'ja', { timeZone: 'Asia/Tokyo', attributes: [{ key: 'birthday', label: '誕生日', type: 'date' }] })).toBe(
      '誕生日の当日 10:00（毎年）',
    );
  });
});

describe('output labels', () => {
  it('words each output as the canvas shows it', () => {
    const branch: NodeDataUnion = {
      kind: 'branch',
      data: {
        cases: [
          { id: 'g', condition: { type: 'attribute', key: 'rank', op: 'eq', value: 'gold' } },
          { id: 'v', label: 'VIP', condition: { type: 'tag', tag: 'vip', has: true } },
        ],
      },
    };
    expect(['case:g', 'case:v', 'else', 'case:x'].map((o) => outputLabelOf(branch, o, 'ja'))).toEqual([
      'rank = gold',
      'VIP',
      'それ以外',
      'case:x',
    ]);
    expect(outputLabelOf(branch, 'else', 'en')).toBe('else');
    const split: NodeDataUnion = { kind: 'split', data: { variants: [{ id: 'a', label: 'A案', weight: 1 }] } };
    expect(outputLabelOf(split, 'variant:a', 'en')).toBe('A案');
    const wfe: NodeDataUnion = {
      kind: 'wait_for_event',
      data: { eventName: 'purchase', filter: [], timeout: { mode: 'duration', amount: 1, unit: 'days' } },
    };
    expect(['event', 'timeout'].map((o) => outputLabelOf(wfe, o, 'ja'))).toEqual(['発生した', '期限切れ']);
    expect(['event', 'timeout'].map((o) => outputLabelOf(wfe, o, 'en'))).toEqual(['happened', 'timed out']);
    expect(outputLabelOf({ kind: 'send', data: defaultNodeData('send') }, 'next', 'ja')).toBe('');
  });
});
