// Quick replies on the phone: found apart from the bubble's own buttons, postbacks and message actions alike.
import { describe, expect, it } from 'vitest';
import { questionMessage, type QuestionData } from '@/scenario/nodes/question';
import { actionsOf, quickRepliesOf } from './message-actions';

describe('quickRepliesOf', () => {
  const message = {
    type: 'text',
    text: '好きな色は？',
    quickReply: {
      items: [
        { type: 'action', action: { type: 'postback', label: '赤', data: 'kz=q&r=r&n=q&v=1&c=0', displayText: '赤' } },
        { type: 'action', action: { type: 'message', label: '青', text: '青' } },
      ],
    },
  };
  it('lists the quick-reply actions in order, and they are not bubble buttons', () => {
    expect(quickRepliesOf(message)).toEqual([
      { kind: 'postback', label: '赤', data: 'kz=q&r=r&n=q&v=1&c=0' },
      { kind: 'message', label: '青', text: '青' },
    ]);
    expect(actionsOf(message)).toEqual([]);
    expect(quickRepliesOf({ type: 'text', text: 'hi' })).toEqual([]);
  });
});

describe('a question as a buttons template on the phone', () => {
  it('shows one card button per choice, each posting back the question’s data (no quick replies)', () => {
    const d: QuestionData = {
      text: '好きな色は？',
      choices: [
        { id: 'red', label: '赤', value: '' },
        { id: 'blue', label: '青', value: '' },
      ],
      display: 'buttons',
      saveTo: null,
      freeText: null,
      timeout: { mode: 'duration', amount: 1, unit: 'days' },
    };
    const message = questionMessage(d, d.text, { runId: 'r', nodeId: 'q', visit: 1 });
    expect(actionsOf(message)).toEqual([
      { kind: 'postback', label: '赤', data: 'kz=q&r=r&n=q&v=1&c=0' },
      { kind: 'postback', label: '青', data: 'kz=q&r=r&n=q&v=1&c=1' },
    ]);
    expect(quickRepliesOf(message)).toEqual([]);
  });
});
