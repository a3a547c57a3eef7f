// Keyword auto-replies: matching modes, priority, active windows in JST, and regex refusal at save time.
import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { triggerMatches } from './entry';
import { chainOf, end, text, trig } from './fixtures';
import { nodeRegistry } from './nodes';
import { validate } from './validate';
import {
  evaluateRules,
  inWindow,
  KeywordRuleInputSchema,
  regexProblem,
  regexProblemText,
  textMatches,
  type KeywordMatch,
  type KeywordRule,
} from './keyword-rules';

const m = (mode: KeywordMatch['mode'], pattern: string, caseSensitive = false): KeywordMatch => ({ mode, pattern, caseSensitive });
let seq = 0;
function rule(over: Partial<KeywordRule> & { match: KeywordMatch }): KeywordRule {
  seq++;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    name: `rule ${seq}`,
    priority: 10,
    active: true,
    windows: [],
    timeZone: 'Asia/Tokyo',
    actions: { reply: { type: 'text', text: 'ok' }, friend: [], startScenarioId: null },
    ...over,
  };
}
// Tuesday 2025-04-01 in JST.
const TUE_10 = Date.parse('2025-04-01T10:00:00+09:00');
const TUE_23 = Date.parse('2025-04-01T23:30:00+09:00');
const WED_01 = Date.parse('2025-04-02T01:00:00+09:00');

describe('text matching', () => {
  it('exact ignores case, surrounding spaces and full-width forms', () => {
    expect(textMatches(m('exact', 'coupon'), '  ＣＯＵＰＯＮ ')).toBe(true);
    expect(textMatches(m('exact', 'クーポン'), 'クーポン')).toBe(true);
    expect(textMatches(m('exact', 'クーポン'), 'ｸｰﾎﾟﾝ')).toBe(true);
    expect(textMatches(m('exact', 'クーポン'), 'クーポンください')).toBe(false);
    expect(textMatches(m('exact', 'Coupon', true), 'coupon')).toBe(false);
  });

  it('contains finds the keyword anywhere', () => {
    expect(textMatches(m('contains', '予約'), '明日の予約をしたいです')).toBe(true);
    expect(textMatches(m('contains', '予約'), 'キャンセル')).toBe(false);
  });

  it('regex uses RE2 semantics (search, not full match) and folds case by default', () => {
    expect(textMatches(m('regex', '^(予約|よやく)\\s*\\d+$'), '予約 3')).toBe(true);
    expect(textMatches(m('regex', 'ORDER-\\d{4}'), 'my order-1234 please')).toBe(true);
    expect(textMatches(m('regex', 'ORDER-\\d{4}', true), 'order-1234')).toBe(false);
  });

  it('a catastrophic pattern runs in linear time', () => {
    const started = performance.now();
    expect(textMatches(m('regex', '(a+)+$'), `${'a'.repeat(5000)}!`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('regex refusal at save time', () => {
  it('refuses what RE2 cannot compile (look-around, back-references, broken syntax) with the reason', () => {
    expect(regexProblem('(?=a)b')).toMatch(/error parsing regexp/);
    expect(regexProblem('(a)\\1')).toMatch(/error parsing regexp/);
    expect(regexProblem('(abc')).toMatch(/missing closing \)/);
    expect(regexProblem('^abc$')).toBeNull();
  });

  it('says every RE2 reason in Japanese and English, with the part of the pattern it points at', () => {
    expect(regexProblemText(regexProblem('(abc')!, 'ja')).toBe('閉じ括弧「)」が足りません（該当箇所：(abc）');
    expect(regexProblemText(regexProblem('(abc')!, 'en')).toBe('a closing ) is missing (at (abc)');
    expect(regexProblemText(regexProblem('(予約)\\1')!, 'ja')).toMatch(/^使えないエスケープです.*（該当箇所：\\1）$/);
    expect(regexProblemText(regexProblem('(?=a)b')!, 'ja')).toMatch(/^使えない書き方です/);
    expect(regexProblemText(regexProblem('\\')!, 'ja')).toBe('末尾に「\\」だけが残っています');
    // Every reason re2js can give has words in both languages: none is shown in RE2's English in the Japanese UI.
    const broken = ['(?=a)', '\\1', '(a', 'a)', '[a', '[z-a]', 'a**', 'a{2,1}', '*a', '\\', '(?P<n>a)(?P<n>b)', '(?P<a-b>x)'];
    for (const p of broken) {
      const problem = regexProblem(p);
      expect(problem, p).not.toBeNull();
      expect(regexProblemText(problem!, 'ja'), p).not.toMatch(/regexp|[a-z]{4,}/);
      expect(regexProblemText(problem!, 'en'), p).not.toMatch(/error parsing/);
    }
  });

  it('the rule schema reports the pattern path with an invalid_regex message', () => {
    const r = KeywordRuleInputSchema.safeParse({
      name: 'x',
      priority: 1,
      active: true,
      match: { mode: 'regex', pattern: '(a' },
      actions: { reply: { type: 'text', text: 'hi' } },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['match', 'pattern']);
    expect(r.error?.issues[0]?.message).toMatch(/^invalid_regex: /);
  });

  it('a rule without any action is refused; defaults fill the zone (JST) and empty lists', () => {
    const none = KeywordRuleInputSchema.safeParse({ name: 'x', priority: 1, active: true, match: m('exact', 'a'), actions: {} });
    expect(none.error?.issues[0]?.message).toMatch(/^no_action/);
    const ok = KeywordRuleInputSchema.parse({
      name: 'x',
      priority: 1,
      active: true,
      match: m('exact', 'a'),
      actions: { startScenarioId: null, friend: [{ type: 'add_tag', tag: 'vip' }] },
    });
    expect(ok.timeZone).toBe('Asia/Tokyo');
    expect(ok.windows).toEqual([]);
  });
});

describe('active windows (JST)', () => {
  it('a daytime window on weekdays', () => {
    const w = { days: [1, 2, 3, 4, 5] as (1 | 2 | 3 | 4 | 5)[], from: '09:00', to: '18:00' };
    expect(inWindow(TUE_10, w, 'Asia/Tokyo')).toBe(true);
    expect(inWindow(TUE_23, w, 'Asia/Tokyo')).toBe(false);
    // 10:00 JST is 01:00 UTC: the rule's zone, not the machine's, decides.
    expect(inWindow(TUE_10, w, 'UTC')).toBe(false);
    expect(inWindow(Date.parse('2025-04-06T10:00:00+09:00'), w, 'Asia/Tokyo')).toBe(false); // Sunday
  });

  it('a window crossing midnight belongs to the day it starts', () => {
    const tueNight = { days: [2] as 2[], from: '22:00', to: '02:00' };
    expect(inWindow(TUE_23, tueNight, 'Asia/Tokyo')).toBe(true);
    expect(inWindow(WED_01, tueNight, 'Asia/Tokyo')).toBe(true);
    expect(inWindow(Date.parse('2025-04-01T01:00:00+09:00'), tueNight, 'Asia/Tokyo')).toBe(false); // Tue 01:00 is Monday's night
  });

  it('from = to means the whole day', () => {
    expect(inWindow(TUE_23, { days: [2], from: '00:00', to: '00:00' }, 'Asia/Tokyo')).toBe(true);
    expect(inWindow(WED_01, { days: [2], from: '00:00', to: '00:00' }, 'Asia/Tokyo')).toBe(false);
  });
});

describe('which rule fires', () => {
  it('the lowest priority number among matching rules fires; the others say why not', () => {
    const general = rule({ name: 'general', priority: 20, match: m('contains', '予約') });
    const specific = rule({ name: 'specific', priority: 5, match: m('exact', '予約') });
    const off = rule({ name: 'off', priority: 1, active: false, match: m('contains', '予約') });
    const other = rule({ name: 'other', priority: 2, match: m('exact', 'クーポン') });
    const r = evaluateRules([general, specific, off, other], '予約', TUE_10);
    expect(r.fired?.name).toBe('specific');
    expect(r.verdicts.map((v) => [v.rule.name, v.verdict])).toEqual([
      ['off', 'inactive'],
      ['other', 'no_match'],
      ['specific', 'fired'],
      ['general', 'lower_priority'],
    ]);
    expect(evaluateRules([general, specific], '予約したい', TUE_10).fired?.name).toBe('general');
  });

  it('a closed rule lets the next one fire', () => {
    const office = rule({
      name: 'office',
      priority: 1,
      match: m('contains', '質問'),
      windows: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }],
    });
    const after = rule({ name: 'after hours', priority: 2, match: m('contains', '質問') });
    expect(evaluateRules([office, after], '質問です', TUE_10).fired?.name).toBe('office');
    const late = evaluateRules([office, after], '質問です', TUE_23);
    expect(late.fired?.name).toBe('after hours');
    expect(late.verdicts[0]?.verdict).toBe('outside_window');
  });

  it('nothing fires when nothing matches', () => {
    expect(evaluateRules([rule({ match: m('exact', 'a') })], 'b', TUE_10).fired).toBeNull();
    expect(evaluateRules([], 'b', TUE_10).fired).toBeNull();
  });
});

describe('the message_received trigger uses the same matcher', () => {
  const plan = (match: KeywordMatch) =>
    compile(chainOf([trig({ trigger: { type: 'message_received', match } }), text('hi', 'こんにちは'), end()]));
  const message = (t: string, messageType = 'text') => ({
    type: 'event' as const,
    event: { name: 'line_message', at: TUE_10, properties: { messageType, messageId: '1', text: t } },
  });

  it('fires on a matching text message only', () => {
    const p = plan(m('contains', 'クーポン'));
    expect(triggerMatches(p, message('ｸｰﾎﾟﾝください'))).toBe(true);
    expect(triggerMatches(p, message('こんにちは'))).toBe(false);
    expect(triggerMatches(p, message('クーポン', 'sticker'))).toBe(false);
    expect(triggerMatches(p, { type: 'event', event: { name: 'purchase', at: TUE_10, properties: { text: 'クーポン' } } })).toBe(false);
    expect(triggerMatches(p, { type: 'tag_added', tag: 'クーポン' })).toBe(false);
  });

  it('a regex the RE2 engine refuses is a validation issue on the pattern, and the trigger says what it waits for', () => {
    const g = chainOf([trig({ trigger: { type: 'message_received', match: m('regex', '(a)\\1') } }), end()]);
    expect(validate(g).find((i) => i.code === 'trigger_regex_invalid')?.path).toEqual(['nodes', 0, 'data', 'trigger', 'match', 'pattern']);
    expect(
      nodeRegistry.trigger.summary(
        { trigger: { type: 'message_received', match: m('exact', '予約') }, entryFilter: null, reEntry: 'always' },
        'ja',
        { timeZone: 'Asia/Tokyo' },
      ),
    ).toContain('メッセージ受信時（「予約」と一致）');
  });
});
