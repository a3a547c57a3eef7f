'use client';
// Creating an API key: its name, the scopes it may use (each explained), an optional expiry in days; the key itself
// is shown once, with a curl example for the events API.
import { useState, useTransition } from 'react';
import { API_SCOPES, type ApiScope } from '@/lib/auth/roles';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionError, ActionResult } from '@/lib/ui-types';
import { CopyButton } from './copy-button';

/** The server action the page passes in: the key's secret is answered this once. */
export type CreateApiKey = (input: { name: string; scopes: string[]; expiresInDays?: number }) => Promise<ActionResult<{ key: string }>>;

const describe = (e: ActionError) =>
  e.issues.length > 0 ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' / ') : e.message;

export function ApiKeyForm({ lang, appBaseUrl, createApiKeyAction }: { lang: Lang; appBaseUrl: string; createApiKeyAction: CreateApiKey }) {
  const [name, setName] = useState('');
  // Sending events is what most integrations need; every other scope is a deliberate choice.
  const [scopes, setScopes] = useState<ApiScope[]>(['events:write']);
  const [days, setDays] = useState('');
  const [created, setCreated] = useState<{ key: string; scopes: ApiScope[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const submit = () => {
    const expiresInDays = days.trim() === '' ? undefined : Number(days);
    if (scopes.length === 0) return setError(t(lang, 'apiKeys.needScope'));
    if (expiresInDays !== undefined && !(Number.isInteger(expiresInDays) && expiresInDays >= 1 && expiresInDays <= 3650)) {
      return setError(t(lang, 'apiKeys.badExpiry'));
    }
    start(async () => {
      const r = await createApiKeyAction({ name, scopes, ...(expiresInDays !== undefined ? { expiresInDays } : {}) });
      if (!r.ok) return setError(describe(r.error));
      setCreated({ key: r.key, scopes });
      setName('');
      setDays('');
      setError(null);
    });
  };

  return (
    <>
      <form
        className="mb-3 flex flex-col gap-3 rounded-md bg-slate-50 p-3"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="flex gap-2">
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t(lang, 'settings.keys.namePlaceholder')}
            aria-label={t(lang, 'settings.keys.name')}
            maxLength={100}
            className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          />
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-line px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
          >
            {t(lang, 'settings.keys.create')}
          </button>
        </div>
        <fieldset>
          <legend className="text-xs font-medium text-slate-600">{t(lang, 'apiKeys.scopes')}</legend>
          <p className="mb-1 text-xs text-slate-500">{t(lang, 'apiKeys.scopesHelp')}</p>
          {API_SCOPES.map((s) => (
            <label key={s} className="flex items-start gap-2 py-0.5 text-sm">
              <input
                type="checkbox"
                className="mt-1"
                checked={scopes.includes(s)}
                onChange={(e) =>
                  setScopes(e.target.checked ? API_SCOPES.filter((x) => x === s || scopes.includes(x)) : scopes.filter((x) => x !== s))
                }
              />
              <span>
                <code className="mr-1 text-xs" translate="no">
                  {s}
                </code>
                <span className="text-slate-600">{t(lang, `apiKeys.scope.${s}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label className="flex flex-col text-xs text-slate-600">
          {t(lang, 'apiKeys.expiry')}
          <input
            type="number"
            min={1}
            max={3650}
            step={1}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            placeholder={t(lang, 'apiKeys.expiryPlaceholder')}
            className="w-32 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          />
          <span className="mt-0.5 text-slate-500">{t(lang, 'apiKeys.expiryHelp')}</span>
        </label>
      </form>
      {error ? (
        <p className="mb-2 text-sm text-rose-700" role="alert">
          {error}
        </p>
      ) : null}
      {created ? (
        <div className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="new-api-key">
          <p className="mb-1 font-medium text-amber-900">{t(lang, 'settings.keys.onlyOnce')}</p>
          <div className="flex items-center gap-2">
            <code className="min-w-0 flex-1 break-all">{created.key}</code>
            <CopyButton value={created.key} label={t(lang, 'common.copy')} copiedLabel={t(lang, 'common.copied')} />
          </div>
          {created.scopes.includes('events:write') ? (
            <pre className="mt-2 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100">
              {`curl -X POST ${appBaseUrl}/api/events \\\n  -H 'Authorization: Bearer ${created.key}' -H 'Content-Type: application/json' \\\n  -d '{"events":[{"memberId":"M-1","name":"purchase","occurredAt":"2025-04-01T19:00:00+09:00","idempotencyKey":"order-1"}]}'`}
            </pre>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
