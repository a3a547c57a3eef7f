'use client';
// A button that puts dead-lettered dispatch rows back to retry (one row, or all), then shows how many.
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionError } from '@/lib/ui-types';

export function RetryButton(props: {
  lang: Lang;
  id?: number;
  label: string;
  action: (input: { id?: number }) => Promise<{ ok: true; retried: number } | { ok: false; error: ActionError }>;
}) {
  const [pending, start] = useTransition();
  const [note, setNote] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-2 py-0.5 text-sm hover:bg-slate-50 disabled:opacity-50"
        data-testid={props.id ? `retry-${props.id}` : 'retry-all'}
        onClick={() =>
          start(async () => {
            const r = await props.action(props.id ? { id: props.id } : {});
            setNote(r.ok ? t(props.lang, 'operations.retried').replace('{n}', String(r.retried)) : r.error.message);
          })
        }
      >
        {props.label}
      </button>
      {note ? <span className="text-xs text-slate-500">{note}</span> : null}
    </span>
  );
}
