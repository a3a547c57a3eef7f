// The operations page (owners and publishers): the trigger outbox's backlog, its oldest waiting fact and the facts that
// failed, with a retry for those that stopped retrying.
import { dispatchBacklog, troubledDispatches } from '@/db/queries/dispatches';
import { ageInWords } from '@/components/operations/age';
import { RetryButton } from '@/components/operations/retry-button';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { outboxHealthy } from '@/lib/engine/outbox-health';
import { formatInstant } from '@/lib/format';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { retryDispatchAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function OperationsPage() {
  await requirePage('scenarios:publish', '/operations');
  const lang = await currentLang();
  const { db } = appDeps();
  const [backlog, troubled] = await Promise.all([dispatchBacklog(db), troubledDispatches(db)]);
  const healthy = outboxHealthy(backlog);
  const figure = (label: string, value: string, testId: string, warn = false) => (
    <div className={`rounded-lg border bg-white p-4 ${warn ? 'border-amber-400' : 'border-slate-200'}`}>
      <div className="text-xs text-slate-500">{label}</div>
      <div className={`text-2xl font-semibold ${warn ? 'text-amber-700' : ''}`} data-testid={testId}>
        {value}
      </div>
    </div>
  );
  return (
    <div className="mx-auto max-w-6xl p-8" data-testid="operations-page">
      <h1 className="mb-1 text-2xl font-bold">{t(lang, 'operations.title')}</h1>
      <p className="mb-4 max-w-3xl text-sm text-slate-500">{t(lang, 'operations.help')}</p>
      <p
        className={`mb-4 rounded-md px-3 py-2 text-sm ${healthy ? 'bg-emerald-50 text-emerald-800' : 'bg-amber-50 text-amber-900'}`}
        data-testid="operations-status"
      >
        {t(lang, healthy ? 'operations.healthy' : 'operations.degraded')}
      </p>
      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        {figure(t(lang, 'operations.pending'), backlog.pending.toLocaleString(lang), 'ops-pending')}
        {figure(t(lang, 'operations.retrying'), backlog.retrying.toLocaleString(lang), 'ops-retrying', backlog.retrying > 0)}
        {figure(t(lang, 'operations.dead'), backlog.dead.toLocaleString(lang), 'ops-dead', backlog.dead > 0)}
        {figure(
          t(lang, 'operations.oldest'),
          backlog.pending > 0 ? ageInWords(lang, backlog.oldestPendingSeconds) : t(lang, 'operations.oldest.none'),
          'ops-oldest',
        )}
      </div>
      <div className="mb-2 flex items-center justify-between">
        <h2 className="text-lg font-semibold">{t(lang, 'operations.troubled')}</h2>
        {backlog.dead > 0 ? <RetryButton lang={lang} label={t(lang, 'operations.retryAll')} action={retryDispatchAction} /> : null}
      </div>
      {backlog.dead > 0 ? <p className="mb-2 text-sm text-slate-600">{t(lang, 'operations.deadHelp')}</p> : null}
      {troubled.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="operations-none">
          {t(lang, 'operations.none')}
        </p>
      ) : (
        <table className="w-full border-collapse bg-white text-sm" data-testid="operations-troubled">
          <thead>
            <tr className="border-b text-left text-xs text-slate-500">
              <th className="p-2">{t(lang, 'operations.col.id')}</th>
              <th className="p-2">{t(lang, 'operations.col.kind')}</th>
              <th className="p-2">{t(lang, 'operations.col.status')}</th>
              <th className="p-2">{t(lang, 'operations.col.attempts')}</th>
              <th className="p-2">{t(lang, 'operations.col.error')}</th>
              <th className="p-2">{t(lang, 'operations.col.created')}</th>
              <th className="p-2" />
            </tr>
          </thead>
          <tbody>
            {troubled.map((d) => (
              <tr key={d.id} className="border-b align-top">
                <td className="p-2 tabular-nums">{d.id}</td>
                <td className="p-2">{t(lang, `operations.kind.${d.kind}`)}</td>
                <td className="p-2">{t(lang, `operations.status.${d.status}`)}</td>
                <td className="p-2 tabular-nums">{d.attempts}</td>
                <td className="max-w-md break-words p-2 font-mono text-xs text-slate-600">{d.lastError}</td>
                <td className="whitespace-nowrap p-2">{formatInstant(d.createdAt, lang)}</td>
                <td className="p-2">
                  {d.status === 'dead' ? (
                    <RetryButton lang={lang} id={d.id} label={t(lang, 'operations.retry')} action={retryDispatchAction} />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="mt-6 text-xs text-slate-400">{t(lang, 'operations.health')}</p>
    </div>
  );
}
