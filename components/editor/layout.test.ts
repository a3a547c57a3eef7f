// layoutPositions: ranks follow the edges top to bottom, outputs' targets sit in handle order, no two boxes overlap —
// on small graphs and on every example and demo scenario.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoScenarios } from '@/scripts/demo-scenarios';
import { outputsOf } from '@/scenario/nodes';
import type { ScenarioGraph } from '@/scenario/schema';
import { layoutPositions, type LayoutEdge, type LayoutNode } from './layout';

type Box = { x: number; y: number; width: number; height: number };
const box = (id: string, outputs?: string[]): LayoutNode => ({ id, width: 200, height: 80, ...(outputs ? { outputs } : {}) });

async function laidOut(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Promise<Map<string, Box>> {
  const p = await layoutPositions(nodes, edges);
  return new Map(nodes.map((n) => [n.id, { ...(p.get(n.id) ?? { x: NaN, y: NaN }), width: n.width, height: n.height }]));
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const centreX = (b: Box) => b.x + b.width / 2;

/** Pairs of boxes that intersect, by id. */
function overlapping(boxes: Map<string, Box>): string[] {
  const list = [...boxes];
  return list.flatMap(([a, ba], i) => list.slice(i + 1).flatMap(([b, bb]) => (overlaps(ba, bb) ? [`${a} × ${b}`] : [])));
}

/** Outputs whose targets are out of handle order: output i's target must lie left of output j's for i < j (forward edges). */
function outOfOrder(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], boxes: Map<string, Box>): string[] {
  const wrong: string[] = [];
  for (const n of nodes) {
    const from = boxes.get(n.id);
    if (!from) continue;
    const targets = (n.outputs ?? [])
      .map((o) => ({ o, t: edges.find((e) => e.source === n.id && e.sourceHandle === o)?.target }))
      .flatMap(({ o, t }) => {
        const b = t === undefined ? undefined : boxes.get(t);
        // A loop back up (birthday: every year again) is drawn around the side; its order says nothing.
        return b && b.y > from.y ? [{ o, t, b }] : [];
      });
    for (const [i, a] of targets.entries())
      for (const b of targets.slice(i + 1))
        if (a.t !== b.t && centreX(a.b) >= centreX(b.b)) wrong.push(`${n.id}: ${a.o}→${a.t} is not left of ${b.o}→${b.t}`);
  }
  return wrong;
}

/** Boxes about as tall as the canvas draws them: a header and summary, taller for messages, a label row under many outputs. */
function sized(g: ScenarioGraph): { nodes: LayoutNode[]; edges: LayoutEdge[] } {
  return {
    nodes: g.nodes.map((n) => {
      const outputs = outputsOf(n);
      return { id: n.id, width: 240, height: 70 + (n.kind === 'send' ? 40 : 0) + (outputs.length > 1 ? 24 : 0), outputs };
    }),
    edges: g.edges,
  };
}

describe('layoutPositions', () => {
  it('stacks a chain from top to bottom in one column', async () => {
    const p = await laidOut(
      [box('a', ['next']), box('b', ['next']), box('c')],
      [
        { source: 'a', sourceHandle: 'next', target: 'b' },
        { source: 'b', sourceHandle: 'next', target: 'c' },
      ],
    );
    const [a, b, c] = ['a', 'b', 'c'].map((id) => p.get(id)!);
    expect(a!.y).toBeLessThan(b!.y);
    expect(b!.y).toBeLessThan(c!.y);
    expect(a!.x).toBe(b!.x);
  });

  it("puts a branch's targets on one rank in handle order, whatever order the steps and edges are listed in", async () => {
    const nodes = [box('yes'), box('no'), box('br', ['case:1', 'else'])];
    const edges = [
      { source: 'br', sourceHandle: 'else', target: 'yes' },
      { source: 'br', sourceHandle: 'case:1', target: 'no' },
    ];
    const p = await laidOut(nodes, edges);
    const yes = p.get('yes')!;
    const no = p.get('no')!;
    expect(yes.y).toBe(no.y);
    // case:1 is the left handle, so its target ('no') is on the left.
    expect(no.x + no.width).toBeLessThanOrEqual(yes.x);
    expect(overlapping(p)).toEqual([]);
  });

  it('ignores edges to unknown nodes and lays out 300 nodes quickly', async () => {
    const nodes = Array.from({ length: 300 }, (_, i) => box(`n${i}`, ['a', 'b']));
    const edges = nodes.slice(1).map((n, i) => ({ source: `n${Math.floor(i / 2)}`, sourceHandle: i % 2 ? 'b' : 'a', target: n.id }));
    const t0 = performance.now();
    const p = await laidOut(nodes, [...edges, { source: 'n0', sourceHandle: 'a', target: 'ghost' }]);
    expect(p.size).toBe(300);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(overlapping(p)).toEqual([]);
    expect(outOfOrder(nodes, edges, p)).toEqual([]);
  });

  const scenarios = demoScenarios(path.join(process.cwd(), 'examples')).flatMap(({ file, graphs }) =>
    graphs.map((graph, i) => ({ name: `${file} v${i + 1}`, graph })),
  );

  it('covers every example and the demo versions built from them', () => {
    expect(scenarios.map((s) => s.name)).toContain('welcome-steps.json v2');
    expect(scenarios.length).toBeGreaterThanOrEqual(6);
  });

  it.each(scenarios)('$name: no two steps overlap and every output leads to its target in handle order', async ({ graph }) => {
    const { nodes, edges } = sized(graph);
    const p = await laidOut(nodes, edges);
    expect(overlapping(p)).toEqual([]);
    expect(outOfOrder(nodes, edges, p)).toEqual([]);
    // The order steps were added in (the file's order) must not matter: the same checks with everything listed backwards.
    const q = await laidOut([...nodes].reverse(), [...edges].reverse());
    expect(overlapping(q)).toEqual([]);
    expect(outOfOrder(nodes, edges, q)).toEqual([]);
    // Every step but the trigger is below a step that leads to it (top to bottom), loops excepted.
    const trigger = graph.nodes.find((n) => n.kind === 'trigger');
    if (trigger) expect(Math.min(...[...p.values()].map((b) => b.y))).toBe(p.get(trigger.id)!.y);
  });

  it("the welcome A/B: variant A's output leads to the 【A】 message on the left", async () => {
    const v2 = scenarios.find((s) => s.name === 'welcome-steps.json v2')!.graph;
    const { nodes, edges } = sized(v2);
    const p = await laidOut(nodes, edges);
    expect(centreX(p.get('week-1')!)).toBeLessThan(centreX(p.get('week-1b')!));
  });
});
