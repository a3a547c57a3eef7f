// End node: the run finishes here.
import { z } from 'zod';
import { defineNode } from './define-node';

export const EndDataSchema = z.object({});

export const endNode = defineNode(
  'end',
  EndDataSchema,
)({
  label: { ja: '終了', en: 'End' },
  codes: {},
  outputs: () => [],
  summary: (_d, lang) => (lang === 'ja' ? '終了' : 'End'),
  explain: (_d, _taken, lang) => (lang === 'ja' ? 'ここでシナリオが終わる' : 'the scenario ends here'),
  defaultData: () => ({}),
  readsFriend: () => false,
  alwaysWaits: () => false,
  check: () => [],
  run: () => ({ type: 'end', reason: 'end', detail: 'reached an end node' }),
});
