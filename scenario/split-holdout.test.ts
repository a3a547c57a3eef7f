// The split's holdout group: deterministic and sized as asked, never moving other friends' variants, and the same in
// the interpreter, the simulator (the preview) and the preview's words.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { end, friendFixture, graphOf, text, trig } from './fixtures';
import { startRun } from './interpret';
import { explainOf, outputLabelOf, summaryOf } from './nodes';
import { HOLDOUT_OUTPUT, splitMetric } from './nodes/split';
import { simulate } from './simulate';
import { assignSplit, entryShares, inHoldout, pickVariant } from './split';

const T0 = Date.parse('2025-04-01T15:23:00+09:00');
const ab = [
  { id: 'a', label: 'A', weight: 50 },
  { id: 'b', label: 'B', weight: 50 },
];

function splitGraph(holdoutPercent: number | undefined) {
  return graphOf(
    [
      trig(),
      { id: 'ab', kind: 'split', data: { variants: ab, metric: 'clicks', ...(holdoutPercent === undefined ? {} : { holdoutPercent }) } },
      text('sa', 'A https://shop.example.jp/a'),
      text('sb', 'B https://shop.example.jp/b'),
      end('ea'),
      end('eb'),
    ],
    [
      ['trigger', 'next', 'ab'],
      ['ab', 'variant:a', 'sa'],
      ['ab', 'variant:b', 'sb'],
      ['sa', 'next', 'ea'],
      ['sb', 'next', 'eb'],
    ],
  );
}

describe('inHoldout', () => {
  it.each([5, 10, 25, 50])('holds out %s percent of 100,000 ids within 0.5 pp', (percent) => {
    let held = 0;
    for (let i = 0; i < 100_000; i++) if (inHoldout(percent, `friend-${i}`, 'split-1', 'salt-2025')) held++;
    expect(Math.abs(held / 100_000 - percent / 100)).toBeLessThan(0.005);
  });

  it('holds out nobody at 0 %, or when the plan predates holdouts', () => {
    for (let i = 0; i < 1000; i++) {
      expect(inHoldout(0, `f${i}`, 'n', 's')).toBe(false);
      expect(inHoldout(undefined, `f${i}`, 'n', 's')).toBe(false);
    }
  });

  it('is fixed per friend, and a friend who stays in the test keeps the variant they had without a holdout (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.integer({ min: 0, max: 50 }), (friend, node, salt, percent) => {
        const first = assignSplit({ variants: ab, holdoutPercent: percent }, friend, node, salt);
        expect(assignSplit({ variants: ab.map((v) => ({ ...v })), holdoutPercent: percent }, friend, node, salt)).toEqual(first);
        if (first.kind === 'variant') expect(first.variant.id).toBe(pickVariant(ab, friend, node, salt)?.id);
        // A larger holdout only takes friends in; it never lets one out.
        if (first.kind === 'holdout') expect(inHoldout(percent + 10, friend, node, salt)).toBe(true);
      }),
    );
  });

  it('gives each variant its share of the friends entering, the holdout set aside', () => {
    expect(entryShares(ab, 10)).toEqual({ variants: [45, 45], holdout: 10 });
    expect(entryShares([...ab, { id: 'c', label: 'C', weight: 50 }], undefined)).toEqual({ variants: [33.3, 33.3, 33.3], holdout: 0 });
  });
});

describe('a split with a holdout group, run by the interpreter', () => {
  const plan = compile(splitGraph(30));
  const ids = Array.from({ length: 60 }, (_, i) => `friend-${i}`);
  const heldId = ids.find((id) => inHoldout(30, id, 'ab', plan.settings.splitSalt)) ?? '';
  const testedId = ids.find((id) => !inHoldout(30, id, 'ab', plan.settings.splitSalt)) ?? '';

  it('ends a held-out friend at the split, leaving by "holdout", with nothing sent', () => {
    const r = startRun(plan, { runId: 'r1', friend: friendFixture({ id: heldId }), at: T0 });
    expect(r.effects.filter((e) => e.kind === 'send')).toEqual([]);
    expect(r.effects.slice(-2)).toEqual([
      { kind: 'node_left', nodeId: 'ab', at: T0, output: HOLDOUT_OUTPUT, reason: 'control group (30%)' },
      { kind: 'done', at: T0, reason: 'holdout', detail: 'control group (30%)' },
    ]);
  });

  it('sends a friend in the test their variant’s message', () => {
    const r = startRun(plan, { runId: 'r2', friend: friendFixture({ id: testedId }), at: T0 });
    const variant = pickVariant(ab, testedId, 'ab', plan.settings.splitSalt)?.id ?? '';
    expect(r.effects.find((e) => e.kind === 'node_left' && e.nodeId === 'ab')).toMatchObject({ output: `variant:${variant}` });
    expect(r.effects.find((e) => e.kind === 'send')).toMatchObject({ nodeId: `s${variant}` });
  });

  it('agrees with the simulator, whose preview explains the holdout in words', () => {
    for (const id of ids) {
      const t = simulate(plan, friendFixture({ id }), { start: T0 });
      const place = assignSplit({ variants: ab, holdoutPercent: 30 }, id, 'ab', plan.settings.splitSalt);
      const decision = t.entries.find((e) => e.nodeId === 'ab')?.decision;
      expect(decision).toBe(place.kind === 'variant' ? `variant:${place.variant.id}` : HOLDOUT_OUTPUT);
      expect(t.end.reason).toBe(place.kind === 'holdout' ? 'holdout' : 'end');
      expect(t.sends).toBe(place.kind === 'holdout' ? 0 : 1);
    }
    const node = plan.nodes.ab;
    if (node?.kind !== 'split') throw new Error('no split');
    const ctx = { timeZone: 'Asia/Tokyo' };
    expect(explainOf(node, { output: HOLDOUT_OUTPUT, sent: false }, 'ja', ctx)).toBe('対照グループ（30%）に振り分け: 何も送らずに終了');
    expect(explainOf(node, { output: 'variant:a', sent: false }, 'ja', ctx)).toBe('パターンA（35%）に振り分け');
    expect(outputLabelOf(node, HOLDOUT_OUTPUT, 'ja')).toBe('対照グループ');
    expect(summaryOf(node, 'ja', ctx)).toBe('A 35% / B 35% / 対照グループ 30% · クリック率で判定');
  });

  it('keeps graphs saved before the option valid: no holdout, metric by the goal', () => {
    const old = compile(splitGraph(undefined));
    for (const id of ids) expect(simulate(old, friendFixture({ id }), { start: T0 }).end.reason).toBe('end');
    expect(splitMetric({}, true)).toBe('goal');
    expect(splitMetric({}, false)).toBe('clicks');
    expect(splitMetric({ metric: 'clicks' }, true)).toBe('clicks');
  });
});
