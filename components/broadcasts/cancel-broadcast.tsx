'use client';
// 配信を中止: stops the broadcast (its scenario) after a confirmation saying what stopping can and cannot undo.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';
import { broadcastErrorText } from './error-text';

export function CancelBroadcast({
  lang,
  id,
  cancelAction,
}: {
  lang: Lang;
  id: string;
  cancelAction: (id: string) => Promise<ActionResult>;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        data-testid="broadcast-cancel"
        className="rounded-md border border-rose-300 bg-white px-3 py-1.5 text-sm text-rose-700 hover:bg-rose-50"
      >
        {t(lang, 'broadcasts.cancel')}
      </button>
    );
  }
  return (
    <div role="dialog" aria-label={t(lang, 'broadcasts.cancel')} className="space-y-2 rounded-lg border border-rose-200 bg-rose-50 p-3">
      <p className="text-sm text-rose-900">{t(lang, 'broadcasts.cancel.body')}</p>
      <div className="flex gap-2">
        <button
          type="button"
          disabled={pending}
          data-testid="broadcast-cancel-confirm"
          className="rounded-md bg-rose-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-700 disabled:opacity-50"
          onClick={() =>
            start(async () => {
              const r = await cancelAction(id);
              if (!r.ok) return setError(broadcastErrorText(lang, r.error).text);
              setOpen(false);
              router.refresh();
            })
          }
        >
          {pending ? t(lang, 'broadcasts.working') : t(lang, 'broadcasts.cancel.confirm')}
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={() => setOpen(false)}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
        >
          {t(lang, 'broadcasts.cancel.back')}
        </button>
      </div>
      {error ? <p className="text-sm text-rose-700">{error}</p> : null}
    </div>
  );
}
