// The settings diff in words, in Japanese and English, for every setting the settings tab offers.
import { describe, expect, it } from 'vitest';
import { settingChanges, settingValue } from './settings-words';

const v1 = { timeZone: 'Asia/Tokyo', splitSalt: 'a', quietHours: 'account' };
const v2 = {
  timeZone: 'Asia/Tokyo',
  splitSalt: 'b',
  quietHours: { start: '22:00', end: '08:00' },
  goal: { eventName: 'purchase', windowDays: 14, exitOnGoal: true },
  frequencyCap: { maxSends: 2, mode: 'skip' },
};

describe('settingChanges', () => {
  it('puts each changed setting in Japanese words, before → after', () => {
    expect(settingChanges('ja', ['frequencyCap', 'goal', 'quietHours', 'splitSalt'], v1, v2)).toEqual([
      '1日の配信上限の変更：なし → 1日2通まで（超えたら送らない）',
      'ゴール（コンバージョン）の変更：なし → 「purchase」を14日以内（達成したら終了）',
      '配信しない時間帯の変更：アカウントの設定に従う → 22:00から08:00まで',
      'A/Bテストの振り分けがやり直されます（同じ友だちが別のパターンになることがあります）。',
    ]);
  });

  it('and in English', () => {
    expect(settingChanges('en', ['quietHours', 'frequencyCap'], v2, v1)).toEqual([
      'Quiet hours: 22:00–08:00 → the account default',
      'Daily frequency cap: 2 a day at most (then: Skip the send) → none',
    ]);
  });

  it('names a time zone as the language does, and an unreadable value without showing it raw', () => {
    expect(settingValue('ja', 'timeZone', 'Asia/Tokyo')).toBe('日本標準時');
    expect(settingValue('en', 'timeZone', 'UTC')).toBe('Coordinated Universal Time (UTC)');
    expect(settingValue('ja', 'goal', { eventName: 'purchase', windowDays: 7, exitOnGoal: false })).toBe('「purchase」を7日以内');
    expect(settingValue('ja', 'frequencyCap', 'many')).toBe('（ここでは表示できない値）');
    expect(settingChanges('ja', ['somethingNew'], {}, { somethingNew: 1 })).toEqual([
      'その他の設定の変更：なし → （ここでは表示できない値）',
    ]);
  });
});
