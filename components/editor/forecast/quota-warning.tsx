// The forecast against the account's LINE plan: within the quota, or the warning with the yen beyond it (or the messages
// a plan without extra messages would refuse). Shown in the forecast tab and in the publish dialog.
import type { QuotaView } from '@/lib/forecast/view';
import type { Lang } from '@/lib/i18n/dictionary';
import { count, fill, rangeText } from './format';

const yen = (n: number, lang: Lang) => count(n, lang);
/** '2026-12' as 2026年12月 / December 2026. */
const monthName = (month: string, lang: Lang) => {
  const [y, m] = month.split('-').map(Number);
  return lang === 'ja'
    ? `${y}年${m}月`
    : new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1)).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
};

export function QuotaWarning({ quota, lang, compact = false }: { quota: QuotaView | null; lang: Lang; compact?: boolean }) {
  if (!quota) return compact ? null : <p className="text-sm text-slate-500">{fill(lang, 'quota.none', {})}</p>;
  if (compact && quota.verdict === 'within') return null;
  const worst = quota.thisMonth.messages.expected >= quota.fullMonth.messages.expected ? quota.thisMonth : quota.fullMonth;
  const over = quota.verdict !== 'within';
  // The title names the period the worse figure is for (the month under way, or a whole month at the coming pace), and
  // does not blame the publish when the account's other sending passes the quota by itself.
  const next = worst !== quota.thisMonth;
  const anyway = worst.withoutScenario > quota.quota;
  const titleKey = anyway
    ? next
      ? 'quota.anyway.titleNext'
      : 'quota.anyway.title'
    : quota.verdict === 'over'
      ? next
        ? 'quota.over.titleNext'
        : 'quota.over.title'
      : next
        ? 'quota.maybe.titleNext'
        : 'quota.maybe.title';
  const charged = worst.yen.high > 0;
  return (
    <section
      className={`space-y-1 rounded-md border p-3 text-sm ${over ? 'border-amber-300 bg-amber-50 text-amber-900' : 'border-slate-200 text-slate-700'}`}
      data-testid="quota-outlook"
      data-verdict={quota.verdict}
      role={over ? 'alert' : undefined}
    >
      {over ? (
        <p className="font-semibold">{fill(lang, titleKey, { quota: count(quota.quota, lang) })}</p>
      ) : (
        <p className="font-semibold">{fill(lang, 'quota.within', { quota: count(quota.quota, lang) })}</p>
      )}
      {over && charged && (
        <p data-testid="quota-yen">
          {fill(lang, 'quota.yen', { yen: yen(worst.yen.expected, lang), low: yen(worst.yen.low, lang), high: yen(worst.yen.high, lang) })}
        </p>
      )}
      {/* The whole account's yen includes sending that happens anyway: what publishing this adds is said apart. */}
      {over && charged && worst.withoutScenario > quota.plan.freeMessages && (
        <p data-testid="quota-scenario-yen">
          {fill(lang, 'quota.scenarioYen', {
            yen: yen(worst.scenarioYen.expected, lang),
            low: yen(worst.scenarioYen.low, lang),
            high: yen(worst.scenarioYen.high, lang),
          })}
        </p>
      )}
      {over && worst.withoutScenario > quota.quota && (
        <p className="text-xs" data-testid="quota-without">
          {fill(lang, 'quota.without', { without: count(worst.withoutScenario, lang) })}
        </p>
      )}
      {over && worst.refused.high > 0 && (
        <p data-testid="quota-refused">
          {fill(lang, 'quota.refused', {
            refused: count(worst.refused.expected, lang),
            low: count(worst.refused.low, lang),
            high: count(worst.refused.high, lang),
          })}
        </p>
      )}
      <p className="text-xs">
        {fill(lang, 'quota.plan', {
          plan: quota.plan.name[lang],
          free: count(quota.plan.freeMessages, lang),
          asOf: quota.pricesAsOf,
        })}
      </p>
      {!compact && (
        <ul className="text-xs">
          <li>{fill(lang, 'quota.used', { used: count(quota.used, lang), own: count(quota.ownUsed, lang) })}</li>
          <li>
            {fill(lang, 'quota.thisMonth', {
              month: monthName(quota.thisMonth.month, lang),
              range: rangeText(lang, quota.thisMonth.messages),
            })}
          </li>
          <li>{fill(lang, 'quota.fullMonth', { range: rangeText(lang, quota.fullMonth.messages) })}</li>
        </ul>
      )}
      {!quota.live && <p className="text-xs">{fill(lang, 'quota.stale', {})}</p>}
    </section>
  );
}
