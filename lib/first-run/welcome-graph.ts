// The sample welcome scenario a fresh install opens with: friend added → welcome message → wait 3 days → follow-up → end.
import { emptyGraph } from '@/scenario/empty';
import { ScenarioGraphSchema, type ScenarioGraph } from '@/scenario/schema';

export const WELCOME_SCENARIO_NAME = 'ようこそ（サンプル）友だち追加のあいさつ';

/** The sample as a draft: new scenarios' settings (emptyGraph), steps stacked top to bottom, texts a shop would edit. */
export function welcomeGraph(splitSalt: string): ScenarioGraph {
  const base = emptyGraph(splitSalt);
  const trigger = base.nodes[0];
  // Parsed, so the defaults of every step's data (link tracking and the like) are filled as for any stored graph.
  return ScenarioGraphSchema.parse({
    ...base,
    nodes: [
      ...(trigger ? [trigger] : []),
      {
        id: 'welcome',
        kind: 'send',
        label: 'あいさつ',
        position: { x: 0, y: 140 },
        data: {
          messages: [
            {
              type: 'text',
              text: '{{friend.displayName|お客様}}さん、友だち追加ありがとうございます！\nお得な情報やお知らせをこちらでお届けします。',
            },
          ],
        },
      },
      { id: 'wait-3', kind: 'wait', position: { x: 0, y: 290 }, data: { mode: 'duration', amount: 3, unit: 'days', atTime: '10:00' } },
      {
        id: 'follow-up',
        kind: 'send',
        label: 'フォロー',
        position: { x: 0, y: 420 },
        data: {
          messages: [
            {
              type: 'text',
              text: '{{friend.displayName|お客様}}さん、その後いかがですか？\n気になることがあれば、このトークにお気軽にメッセージください。',
            },
          ],
        },
      },
      { id: 'end', kind: 'end', position: { x: 0, y: 570 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'welcome' },
      { id: 'e2', source: 'welcome', sourceHandle: 'next', target: 'wait-3' },
      { id: 'e3', source: 'wait-3', sourceHandle: 'next', target: 'follow-up' },
      { id: 'e4', source: 'follow-up', sourceHandle: 'next', target: 'end' },
    ],
  });
}
