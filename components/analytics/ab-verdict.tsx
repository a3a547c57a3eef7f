// The plain verdict of one A/B split: who is likely better and how sure, or why it is too early and how many more friends it takes.
import { count } from '@/lib/analytics/format';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import type { SplitResult } from '@/lib/ui-types';

/** A chance in whole percent, never rounded up to a certainty: 0.9996 → 「99%以上」, 0.004 → 「1%未満」. */
export function chanceText(chance: number, lang: Lang): string {
  if (chance >= 0.99) return t(lang, 'ab.chance.over');
  if (chance < 0.01) return t(lang, 'ab.chance.under');
  return `${Math.round(chance * 100)}%`;
}

export const metricWord = (s: SplitResult, lang: Lang) => t(lang, s.metric === 'clicks' ? 'ab.metric.clicks' : 'ab.metric.goal');

function fill(lang: Lang, key: MessageKey, values: Record<string, string>): string {
  return Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, v), t(lang, key));
}

/** "B の…が A より高い可能性 97%" with two variants, "B の…が一番高い可能性 97%" with more. */
function chanceSentence(s: SplitResult, lang: Lang, id: string, chance: number, keys: { two: MessageKey; many: MessageKey }): string {
  const vs = s.result.variants;
  const me = vs.find((v) => v.id === id);
  const other = vs.length === 2 ? vs.find((v) => v.id !== id) : undefined;
  const values = { winner: me?.label ?? id, leader: me?.label ?? id, metric: metricWord(s, lang), chance: chanceText(chance, lang) };
  return other ? fill(lang, keys.two, { ...values, other: other.label }) : fill(lang, keys.many, values);
}

export function AbVerdict({ split: s, lang }: { split: SplitResult; lang: Lang }) {
  const v = s.verdict;
  const box = (tone: string, headline: string, lines: string[]) => (
    <div className={`rounded-md px-4 py-3 ${tone}`} data-testid="ab-verdict" data-verdict={v.kind}>
      <p className="text-base font-bold">{headline}</p>
      {lines.map((l) => (
        <p key={l} className="mt-1 text-sm">
          {l}
        </p>
      ))}
    </div>
  );
  if (v.kind === 'no_goal')
    return box('bg-amber-50 text-amber-900', t(lang, 'ab.verdict.tooEarly'), [fill(lang, 'ab.verdict.noGoal', { v: String(s.version) })]);
  const lift = (id: string) => {
    const i = s.result.variants.findIndex((x) => x.id === id);
    const above = s.holdout?.vsVariants?.[i]?.chanceAbove;
    const label = s.result.variants[i]?.label ?? id;
    return above === undefined ? [] : [fill(lang, 'ab.holdout.lift', { winner: label, chance: chanceText(above, lang) })];
  };
  if (v.kind === 'winner') {
    const headline = chanceSentence(s, lang, v.variantId, v.chance, { two: 'ab.verdict.winner.two', many: 'ab.verdict.winner.many' });
    const label = s.result.variants.find((x) => x.id === v.variantId)?.label ?? v.variantId;
    return box('bg-green-50 text-green-900', headline, [fill(lang, 'ab.verdict.winner.note', { winner: label }), ...lift(v.variantId)]);
  }
  const n = v.moreFriends === null ? null : count(v.moreFriends, lang);
  const headline =
    n !== null
      ? fill(lang, 'ab.verdict.tooEarly.more', { n })
      : t(lang, v.kind === 'too_early' ? 'ab.verdict.tooEarly' : 'ab.verdict.noDiff');
  const lines: string[] = [];
  const rates = new Set(s.result.variants.map((x) => x.rate));
  if (v.leaderId === null) lines.push(t(lang, 'ab.verdict.nobody'));
  else if (rates.size === 1) lines.push(fill(lang, 'ab.verdict.even', { metric: metricWord(s, lang) }));
  else lines.push(chanceSentence(s, lang, v.leaderId, v.chance ?? 0, { two: 'ab.verdict.leaning.two', many: 'ab.verdict.leaning.many' }));
  if (n !== null) lines.push(fill(lang, 'ab.verdict.more.note', { n }));
  else if (v.kind === 'no_clear_difference') lines.push(t(lang, 'ab.verdict.noDiff.note'));
  const why = v.reasons.map((r) =>
    r === 'few_friends'
      ? fill(lang, 'ab.reason.fewFriends', { min: count(s.minimums.perVariant, lang) })
      : fill(lang, s.metric === 'clicks' ? 'ab.reason.fewSuccesses.clicks' : 'ab.reason.fewSuccesses.goal', {
          min: count(s.minimums.successes, lang),
        }),
  );
  if (why.length > 0) lines.push(`${why.join(lang === 'ja' ? '。' : '; ')}${lang === 'ja' ? '。' : '.'}`);
  if (v.leaderId !== null) lines.push(...lift(v.leaderId));
  return box('bg-amber-50 text-amber-900', headline, lines);
}
