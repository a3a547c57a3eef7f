// Quick replies on the phone: found apart from the bubble's own buttons, postbacks and message actions alike.
import { describe, expect, it } from 'vitest';
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
