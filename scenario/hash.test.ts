// SHA-256 against known vectors, canonical JSON, and plan hashes that ignore positions, labels and order.
import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { chainOf, end, text, trig } from './fixtures';
import { canonicalJson, sha256Hex } from './hash';

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
  it('changes with content', () => {
    expect(compile(chainOf([trig(), text('s', 'hello!'), end()])).hash).not.toBe(compile(graph).hash);
    expect(compile({ ...graph, settings: { ...graph.settings, splitSalt: 'other' } }).hash).not.toBe(compile(graph).hash);
  });
});
