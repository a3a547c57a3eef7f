// End node: the run finishes here.
import type { NodeBehaviour } from './types';

export const endNode: NodeBehaviour<'end'> = {
  kind: 'end',
  outputs: () => [],
  summary: (_d, lang) => (lang === 'ja' ? '終了' : 'End'),
  defaultData: () => ({}),
  readsFriend: () => false,
  alwaysWaits: () => false,
  check: () => [],
  run: () => ({ type: 'end', reason: 'end', detail: 'reached an end node' }),
};
