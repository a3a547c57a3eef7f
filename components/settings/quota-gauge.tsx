// The settings page's gauge of the month's LINE messages: used against the limit, as LINE reported it, and whether
// sends are held for it.
import { t, type Lang } from '@/lib/i18n/dictionary';
import { formatInstant } from '@/lib/format';
import type { QuotaGaugeView } from '@/lib/ui-types';

export function QuotaGauge({ lang, gauge }: { lang: Lang; gauge: QuotaGaugeView }) {
  const q = gauge.quota;
  const limited = q?.type === 'limited' && q.limit !== null;
  const share = limited && q.limit ? Math.min(1, q.used / q.limit) : 0;
  const held = gauge.status === 'paused' && gauge.pausedFor === 'quota';
  return (
    <section id="line-quota" className="rounded-lg border border-slate-200 bg-white p-5" data-testid="quota-gauge">
      <h2 className="mb-3 text-lg font-semibold">{t(lang, 'channel.quota.title')}</h2>
      {q ? (
        <>
          <div className="flex items-baseline justify-between text-sm">
            <span className="font-medium" data-testid="quota-figures">
              {limited
                ? t(lang, 'channel.quota.used').replace('{used}', String(q.used)).replace('{limit}', String(q.limit))
                : t(lang, 'channel.quota.unlimited').replace('{used}', String(q.used))}
            </span>
            <span className="text-xs text-slate-500">{t(lang, 'channel.quota.readAt').replace('{at}', formatInstant(q.readAt, lang))}</span>
          </div>
          {limited ? (
            <div
              className="mt-2 h-2 overflow-hidden rounded bg-slate-100"
              role="meter"
              aria-valuemin={0}
              aria-valuemax={q.limit ?? 0}
              aria-valuenow={q.used}
              aria-label={t(lang, 'channel.quota.title')}
            >
              <div
                className={`h-full ${share >= 1 ? 'bg-rose-500' : share >= 0.8 ? 'bg-amber-500' : 'bg-line'}`}
                style={{ width: `${share * 100}%` }}
              />
            </div>
          ) : null}
        </>
      ) : (
        <p className="text-sm text-slate-500">{t(lang, 'channel.quota.none')}</p>
      )}
      {held ? <p className="mt-2 text-sm font-medium text-rose-700">{t(lang, 'channel.quota.paused')}</p> : null}
      {!gauge.live && q ? <p className="mt-2 text-xs text-amber-800">{t(lang, 'channel.quota.stale')}</p> : null}
      <p className="mt-2 text-xs text-slate-500">{t(lang, 'channel.quota.help')}</p>
    </section>
  );
}
