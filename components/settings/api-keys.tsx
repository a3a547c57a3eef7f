'use client';
// API keys (owners only): create one with scopes and an optional expiry (shown once, then only its prefix), see who
// made each and when it was last used, revoke.
import { useState, useTransition } from 'react';
import { formatInstant } from '@/lib/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';
import { ApiKeyForm, type CreateApiKey } from './api-key-form';

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  /** The creating operator's email; null for keys made before operators existed or by the CLI. */
  createdBy: string | null;
  createdAt: number;
  expiresAt: number | null;
  /** Decided by the server at render time (the browser's clock may be off). */
  expired: boolean;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** Server actions the page passes in: create a key (its secret answered once) and revoke one. */
interface KeyActions {
  createApiKeyAction: CreateApiKey;
  revokeApiKeyAction: (id: string) => Promise<ActionResult>;
}

const th = 'py-1 pr-2 font-normal';
const td = 'py-1.5 pr-2 align-top';

export function ApiKeys({
  lang,
  keys,
  appBaseUrl,
  createApiKeyAction,
  revokeApiKeyAction,
}: { lang: Lang; keys: ApiKeyView[]; appBaseUrl: string } & KeyActions) {
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const when = (at: number | null, none: string) =>
    at === null ? <span className="text-slate-400">{none}</span> : formatInstant(at, lang);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="api-keys">
      <h2 className="mb-1 text-lg font-semibold">{t(lang, 'settings.keys.title')}</h2>
      <p className="mb-3 text-sm text-slate-500">{t(lang, 'settings.keys.help')}</p>
      <ApiKeyForm lang={lang} appBaseUrl={appBaseUrl} createApiKeyAction={createApiKeyAction} />
      {error ? <p className="mb-2 text-sm text-rose-700">{error}</p> : null}
      {keys.length === 0 ? (
        <p className="text-sm text-slate-400">{t(lang, 'settings.keys.none')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="api-key-list">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className={th}>{t(lang, 'apiKeys.col.name')}</th>
                <th className={th}>{t(lang, 'apiKeys.col.scopes')}</th>
                <th className={th}>{t(lang, 'apiKeys.col.createdBy')}</th>
                <th className={th}>{t(lang, 'apiKeys.col.createdAt')}</th>
                <th className={th}>{t(lang, 'apiKeys.col.expires')}</th>
                <th className={th}>{t(lang, 'apiKeys.col.lastUsed')}</th>
                <th />
              </tr>
            </thead>
            <tbody className="text-xs">
              {keys.map((k) => (
                <tr key={k.id} className={`border-t border-slate-100 ${k.revokedAt || k.expired ? 'text-slate-400' : ''}`}>
                  <td className={td}>
                    <div className="text-sm font-medium">{k.name}</div>
                    <div className="font-mono text-slate-500">{k.prefix}…</div>
                  </td>
                  <td className={td}>
                    <div className="flex flex-wrap gap-1">
                      {k.scopes.map((s) => (
                        <code key={s} className="rounded bg-slate-100 px-1" translate="no">
                          {s}
                        </code>
                      ))}
                    </div>
                  </td>
                  <td className={`${td} break-all`}>{k.createdBy ?? t(lang, 'apiKeys.unknownCreator')}</td>
                  <td className={`${td} whitespace-nowrap`}>{formatInstant(k.createdAt, lang)}</td>
                  <td className={`${td} whitespace-nowrap`}>
                    {when(k.expiresAt, t(lang, 'apiKeys.never'))}
                    {k.expired ? <span className="ml-1 rounded bg-amber-100 px-1 text-amber-800">{t(lang, 'apiKeys.expired')}</span> : null}
                  </td>
                  <td className={`${td} whitespace-nowrap`}>{when(k.lastUsedAt, t(lang, 'apiKeys.notUsed'))}</td>
                  <td className={`${td} text-right`}>
                    {k.revokedAt ? (
                      <span className="whitespace-nowrap">
                        {t(lang, 'settings.keys.revoked')} {formatInstant(k.revokedAt, lang)}
                      </span>
                    ) : (
                      <button
                        type="button"
                        disabled={pending}
                        onClick={() => {
                          if (!window.confirm(t(lang, 'settings.keys.revokeConfirm'))) return;
                          start(async () => {
                            const r = await revokeApiKeyAction(k.id);
                            setError(r.ok ? null : r.error.message);
                          });
                        }}
                        className="rounded-md border border-rose-300 px-2 py-0.5 text-rose-700 hover:bg-rose-50"
                      >
                        {t(lang, 'settings.keys.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
