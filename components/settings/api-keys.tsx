'use client';
// API keys: create one (shown once, then only its prefix), revoke; with a curl example for the events API.
import { useState, useTransition } from 'react';
import { formatInstant } from '@/lib/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';
import { CopyButton } from './copy-button';

interface KeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: number;
  revokedAt: number | null;
}

/** Server actions the page passes in: create a key (its secret answered once) and revoke one. */
interface KeyActions {
  createApiKeyAction: (name: string) => Promise<ActionResult<{ key: string }>>;
  revokeApiKeyAction: (id: string) => Promise<ActionResult>;
}

export function ApiKeys({
  lang,
  keys,
  appBaseUrl,
  createApiKeyAction,
  revokeApiKeyAction,
}: { lang: Lang; keys: KeyView[]; appBaseUrl: string } & KeyActions) {
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="api-keys">
      <h2 className="mb-1 text-lg font-semibold">{t(lang, 'settings.keys.title')}</h2>
      <p className="mb-3 text-sm text-slate-500">{t(lang, 'settings.keys.help')}</p>
      <form
        className="mb-3 flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const r = await createApiKeyAction(name);
            if (r.ok) {
              setCreated(r.key);
              setName('');
              setError(null);
            } else setError(r.error.issues[0]?.message ?? r.error.message);
          });
        }}
      >
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t(lang, 'settings.keys.namePlaceholder')}
          aria-label={t(lang, 'settings.keys.name')}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-line px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        >
          {t(lang, 'settings.keys.create')}
        </button>
      </form>
      {error ? <p className="mb-2 text-sm text-rose-700">{error}</p> : null}
      {created ? (
        <div className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="new-api-key">
          <p className="mb-1 font-medium text-amber-900">{t(lang, 'settings.keys.onlyOnce')}</p>
          <div className="flex items-center gap-2">
            <code className="min-w-0 flex-1 break-all">{created}</code>
            <CopyButton value={created} label={t(lang, 'common.copy')} copiedLabel={t(lang, 'common.copied')} />
          </div>
          <pre className="mt-2 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100">
            {`curl -X POST ${appBaseUrl}/api/events \\\n  -H 'Authorization: Bearer ${created}' -H 'Content-Type: application/json' \\\n  -d '{"events":[{"memberId":"M-1","name":"purchase","occurredAt":"2025-04-01T19:00:00+09:00","idempotencyKey":"order-1"}]}'`}
          </pre>
        </div>
      ) : null}
      {keys.length === 0 ? (
        <p className="text-sm text-slate-400">{t(lang, 'settings.keys.none')}</p>
      ) : (
        <table className="w-full text-sm">
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} className="border-t border-slate-100">
                <td className="py-1.5 pr-2 font-medium">{k.name}</td>
                <td className="py-1.5 pr-2 font-mono text-xs text-slate-500">{k.prefix}…</td>
                <td className="py-1.5 pr-2 text-xs text-slate-500">{formatInstant(k.createdAt, lang)}</td>
                <td className="py-1.5 text-right">
                  {k.revokedAt ? (
                    <span className="text-xs text-slate-400">
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
                          if (!r.ok) setError(r.error.message);
                        });
                      }}
                      className="rounded-md border border-rose-300 px-2 py-0.5 text-xs text-rose-700 hover:bg-rose-50"
                    >
                      {t(lang, 'settings.keys.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
