// SHA-256 against known vectors, canonical JSON, and plan hashes that ignore positions, labels and order and never drift.
import { describe, expect, it } from 'vitest';
import { compile, parsePlan } from './compile';
import { chainOf, end, text, trig } from './fixtures';
import { graphContentHash } from './content-hash';
import { canonicalHash, canonicalJson, sha256Hex } from './hash';

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ['日本語🍎'.repeat(20), '8775fc3985bf8eae95e2a10495ff37c37d1394a753c8c6f83f62241f83e14eae'],
  ])('hashes %j', (input, hex) => expect(sha256Hex(input)).toBe(hex));
});

describe('canonicalJson', () => {
  it('sorts keys and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: undefined, c: 'x' }] })).toBe('{"a":[2,{"c":"x"}],"b":1}');
  });
  it('writes what JSON.stringify writes for each value', () => {
    expect(canonicalJson({ 10: 'a', 9: 'b', Z: 1, a: 2, é: 3 })).toBe('{"10":"a","9":"b","Z":1,"a":2,"é":3}');
    expect(canonicalJson([undefined, NaN, -0, 1e21, 5e-7, Infinity, true, null])).toBe('[null,null,0,1e+21,5e-7,null,true,null]');
    expect(canonicalJson('"\\\n\u0001\u007f\u2028日🍎\ud800')).toBe(JSON.stringify('"\\\n\u0001\u007f\u2028日🍎\ud800'));
    expect(canonicalJson(undefined)).toBe('null');
  });
});

// Values whose canonical form exercises every branch: escapes, lone surrogates, astral characters, numbers, nesting.
const tricky: unknown[] = [
  {},
  [],
  '',
  { 'k"\\': ['\ud83c', '\udf4e', '🍎', '日本語', '\u0000\u001f'], n: [0, -1.5, 1e-7, 2 ** 53], t: [true, false, null] },
  { z: { y: { x: [[], {}, [undefined, { w: undefined }]] } } },
  'あ'.repeat(70_000),
];

describe('canonicalHash', () => {
  it.each(tricky.map((v, i) => [i, v]))('equals sha256Hex(canonicalJson(value)) for value %i', (_, v) => {
    expect(canonicalHash(v)).toBe(sha256Hex(canonicalJson(v)));
  });
});

describe('plan hash', () => {
  const graph = chainOf([trig(), text('s', 'hello'), end()]);
  it('is the same whatever the positions, labels and node or edge order', () => {
    const moved = {
      ...graph,
      nodes: [...graph.nodes].reverse().map((n, i) => ({ ...n, position: { x: i * 37, y: -i }, label: `step ${i}` })),
      edges: [...graph.edges].reverse().map((e, i) => ({ ...e, id: `edge-${i}` })),
    };
    expect(compile(moved).hash).toBe(compile(graph).hash);
  });
  // A plan stored by an earlier release (workflows/__histories__/welcome-steps.json): stored versions keep their hash,
  // so the bytes canonicalJson() writes and SHA-256 over them must never change.
  it('is unchanged for a stored plan', () => {
    expect(parsePlan(STORED_WELCOME_PLAN).hash).toBe('bf6093b0d6a692fd5045513bea72cfc6ba6591b4300a1b66a104da297882e305');
  });
  it('is unchanged for a compiled graph and its content hash', () => {
    const g = chainOf([trig(), text('s', 'こんにちは "{{friend.displayName|お客様}}" 🍎\\n\n'), end()]);
    expect(compile(g).hash).toBe('128a4f2024c395edcdf0434550b65f805d0a9721a2abd8d4d15df172313e449a');
    expect(graphContentHash(g)).toBe('3c3543699644be802fa1366987679792d30c66f7c58dc6890e464bc4c7d36d85');
  });
  it('changes with content', () => {
    expect(compile(chainOf([trig(), text('s', 'hello!'), end()])).hash).not.toBe(compile(graph).hash);
    expect(compile({ ...graph, settings: { ...graph.settings, splitSalt: 'other' } }).hash).not.toBe(compile(graph).hash);
  });
});

const STORED_WELCOME_PLAN: unknown = {
  planVersion: 1,
  hash: 'bf6093b0d6a692fd5045513bea72cfc6ba6591b4300a1b66a104da297882e305',
  entry: 'trigger',
  settings: { timeZone: 'Asia/Tokyo', quietHours: { start: '21:00', end: '09:00' }, splitSalt: 'welcome-2025' },
  nodes: {
    end: { id: 'end', kind: 'end', data: {}, next: {} },
    'wait-7': {
      id: 'wait-7',
      kind: 'wait',
      data: { mode: 'duration', amount: 7, unit: 'days', atTime: '10:00' },
      next: { next: 'week-1' },
    },
    'week-1': {
      id: 'week-1',
      kind: 'send',
      data: {
        messages: [
          {
            type: 'template',
            altText: '人気ランキングTOP3をご紹介',
            template: {
              type: 'buttons',
              title: '人気ランキング',
              text: '今週よく売れている商品TOP3です。',
              actions: [{ type: 'uri', label: 'ランキングを見る', uri: 'https://shop.example.jp/ranking' }],
            },
          },
        ],
        trackLinks: true,
      },
      next: { next: 'wait-14' },
    },
    'week-2': {
      id: 'week-2',
      kind: 'send',
      data: {
        messages: [
          {
            type: 'text',
            text: '{{friend.displayName|お客様}}さん、クーポンの有効期限はあと3日です。お買い物はこちら → https://shop.example.jp/',
          },
        ],
        trackLinks: true,
      },
      next: { next: 'end' },
    },
    trigger: {
      id: 'trigger',
      kind: 'trigger',
      data: { trigger: { type: 'friend_added', includeRefollow: false }, entryFilter: null, reEntry: 'once' },
      next: { next: 'welcome' },
    },
    'wait-14': {
      id: 'wait-14',
      kind: 'wait',
      data: { mode: 'duration', amount: 7, unit: 'days', atTime: '10:00' },
      next: { next: 'week-2' },
    },
    welcome: {
      id: 'welcome',
      kind: 'send',
      data: {
        messages: [
          {
            type: 'text',
            text: '{{friend.displayName|お客様}}さん、友だち追加ありがとうございます！\n新規登録の方限定で10%OFFクーポンをお届けします。',
          },
          { type: 'sticker', packageId: '11537', stickerId: '52002734' },
        ],
        trackLinks: true,
      },
      next: { next: 'wait-7' },
    },
  },
  limits: { maxStepsPerInput: 9, maxSteps: 100000 },
};
