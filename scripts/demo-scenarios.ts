// The demo's scenarios and friend fields: every example graph (the welcome steps also in a second version with a day-7 A/B
// test) and the attribute definitions they branch and wait on; shared by seed:demo and the layout test.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ScenarioGraphSchema, type ScenarioGraph } from '../scenario/schema';

export type DemoScenario = { file: string; graphs: ScenarioGraph[] };

/** What seed:demo defines before it publishes, so no demo scenario opens with an undefined-attribute problem. */
export const DEMO_ATTRIBUTES: { key: string; label: string; type: 'string' | 'number' | 'date' | 'enum'; options: string[] | null }[] = [
  { key: 'rank', label: '会員ランク', type: 'enum', options: ['bronze', 'silver', 'gold', 'platinum'] },
  { key: 'gender', label: '性別', type: 'enum', options: ['female', 'male', 'other'] },
  { key: 'prefecture', label: '都道府県', type: 'string', options: null },
  { key: 'points', label: 'ポイント', type: 'number', options: null },
  { key: 'birthday', label: '誕生日', type: 'date', options: null },
];

/** The welcome steps with a goal, and a second version that A/B-tests the day-7 message on clicks, with a control group. */
export function welcomeVersions(base: ScenarioGraph): ScenarioGraph[] {
  const v1: ScenarioGraph = { ...base, settings: { ...base.settings, goal: { eventName: 'purchase', windowDays: 14, exitOnGoal: false } } };
  const week1 = v1.nodes.find((n) => n.id === 'week-1');
  if (!week1 || week1.kind !== 'send') return [v1];
  const v2: ScenarioGraph = {
    ...v1,
    nodes: [
      ...v1.nodes.map((n) =>
        n.id === 'week-1'
          ? { ...n, label: 'Day 7 · A', position: { x: -160, y: 420 } }
          : n.position.y > 360
            ? { ...n, position: { x: 0, y: n.position.y + 120 } }
            : n,
      ),
      {
        id: 'ab-day7',
        kind: 'split',
        position: { x: 0, y: 330 },
        label: 'Day 7 A/B',
        data: {
          variants: [
            { id: 'a', label: 'A ランキング', weight: 50 },
            { id: 'b', label: 'B クーポン', weight: 50 },
          ],
          // Judged on the taps of each variant's own link, with one friend in ten held out as a control group.
          metric: 'clicks',
          holdoutPercent: 10,
        },
      },
      {
        ...week1,
        id: 'week-1b',
        label: 'Day 7 · B',
        position: { x: 160, y: 420 },
        data: {
          ...week1.data,
          messages: [
            {
              type: 'text',
              text: '{{friend.displayName|お客様}}さん、今週末まで使える500円OFFクーポンです👉 https://shop.example.jp/coupon',
            },
          ],
        },
      },
    ],
    edges: [
      ...v1.edges.filter((e) => e.target !== 'week-1'),
      { id: 'e-ab-in', source: 'wait-7', sourceHandle: 'next', target: 'ab-day7' },
      { id: 'e-ab-a', source: 'ab-day7', sourceHandle: 'variant:a', target: 'week-1' },
      { id: 'e-ab-b', source: 'ab-day7', sourceHandle: 'variant:b', target: 'week-1b' },
      ...v1.edges.filter((e) => e.source === 'week-1').map((e) => ({ ...e, id: `${e.id}-b`, source: 'week-1b' })),
    ],
  };
  return [v1, v2];
}

/** Every example in `dir` (sorted by file name) with the versions the demo publishes of it. */
export function demoScenarios(dir: string): DemoScenario[] {
  return readdirSync(dir)
    .filter((x) => x.endsWith('.json'))
    .sort()
    .map((file) => {
      const base = ScenarioGraphSchema.parse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
      return { file, graphs: file === 'welcome-steps.json' ? welcomeVersions(base) : [base] };
    });
}
