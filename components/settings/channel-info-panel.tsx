// The LINE channel as configured: masked credentials, the API in use, the bot LINE reports, and our webhook URL.
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ChannelInfo } from '@/lib/ui-types';
import { CopyButton } from './copy-button';

export function ChannelInfoPanel({ lang, info }: { lang: Lang; info: ChannelInfo }) {
  const rows: [string, React.ReactNode][] = [
    [
      t(lang, 'settings.line.api'),
      <>
        {info.apiBaseUrl}
        {info.isSandbox ? (
          <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-800">{t(lang, 'settings.line.sandbox')}</span>
        ) : null}
      </>,
    ],
    [t(lang, 'settings.line.secret'), info.channelSecret],
    [t(lang, 'settings.line.token'), info.accessToken],
    [
      t(lang, 'settings.line.bot'),
      'error' in info.bot ? (
        <span className="text-rose-700">
          {t(lang, 'settings.line.botError')}: <code translate="no">{info.bot.error}</code>
        </span>
      ) : (
        `${info.bot.displayName} (${info.bot.basicId})`
      ),
    ],
  ];
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="channel-info">
      <h2 className="mb-3 text-lg font-semibold">{t(lang, 'settings.line.title')}</h2>
      <dl className="grid grid-cols-[10rem_1fr] gap-y-2 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd className="break-all font-mono text-xs leading-5">{v}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-xs text-slate-500">{t(lang, 'settings.line.fingerprintHelp')}</p>
      {info.usingDevDefaults ? (
        <p className="mt-3 rounded bg-amber-50 p-2 text-xs text-amber-900">{t(lang, 'settings.line.devDefaults')}</p>
      ) : null}
      <div className="mt-4 rounded-md bg-slate-50 p-3">
        <div className="mb-1 text-xs font-medium text-slate-600">{t(lang, 'settings.line.webhook')}</div>
        <div className="flex items-center gap-2">
          <code className="min-w-0 flex-1 break-all text-sm" data-testid="webhook-url">
            {info.webhookUrl}
          </code>
          <CopyButton value={info.webhookUrl} label={t(lang, 'common.copy')} copiedLabel={t(lang, 'common.copied')} />
        </div>
        <p className="mt-1 text-xs text-slate-500">{t(lang, 'settings.line.webhookHelp')}</p>
      </div>
    </section>
  );
}
