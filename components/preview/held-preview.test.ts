// The preview explains a quiet-hour hold (why and until when) and follows the account default a draft inherits.
import { describe, expect, it } from 'vitest';
import { chainOf, end, friendFixture, text, trig } from '@/scenario/fixtures';
import { runPreview } from './run-preview';

const late = Date.parse('2025-04-01T23:16:00+09:00');
const draft = chainOf(
  [
    trig(),
    text('hello', 'ようこそ'),
    { id: 'd1', kind: 'wait', data: { mode: 'after_entry', days: 1, time: '10:00' } },
    text('next', '翌日'),
    end(),
  ],
  { quietHours: 'account' },
);
const preview = (lang: 'ja' | 'en', accountQuietHours?: { enabled: boolean; start: string; end: string }) => {
  const r = runPreview(draft, {
    friend: friendFixture({ friendAddedAt: late }),
    start: late,
    events: [],
    attributes: [],
    lang,
    ...(accountQuietHours ? { accountQuietHours } : {}),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
};

describe('preview of a held send', () => {
  it('says why the 23:16 welcome waits and until when, and shows it arriving at 09:00', () => {
    const ja = preview('ja');
    expect(ja.steps.find((s) => s.nodeId === 'hello')?.reason).toBe('21:00–09:00の配信停止時間のため 09:00 まで保留し、1通を送信');
    expect(ja.chat.map((c) => [c.day, c.at])).toEqual([
      [1, Date.parse('2025-04-02T09:00:00+09:00')],
      [1, Date.parse('2025-04-02T10:00:00+09:00')],
    ]);
    expect(preview('en').steps.find((s) => s.nodeId === 'hello')?.reason).toBe(
      'held for quiet hours 21:00–09:00 until 09:00, then sent 1 message',
    );
  });

  it('follows the account default the editor was given: switched off, the welcome goes at 23:16', () => {
    const r = preview('ja', { enabled: false, start: '21:00', end: '09:00' });
    expect(r.chat[0]?.at).toBe(late);
    expect(r.steps.find((s) => s.nodeId === 'hello')?.reason).toBe('1通を送信');
  });
});
