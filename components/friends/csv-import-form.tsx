'use client';
// CSV import: pick a file, import all or nothing, and list any problems by row and column.
import { useActionState, useState } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ImportState } from '@/lib/ui-types';

/** The server action the page passes in, run as the form's `useActionState` reducer. */
type ImportCsv = (prev: ImportState, form: FormData) => Promise<ImportState>;

export function CsvImportForm({ lang, importCsvAction }: { lang: Lang; importCsvAction: ImportCsv }) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState<ImportState, FormData>(importCsvAction, { status: 'idle' });
  return (
    <div className="relative">
      <button
        type="button"
        onClick={() => setOpen(!open)}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
      >
        {t(lang, 'friends.import')}
      </button>
      {open ? (
        <div
          className="absolute right-0 z-10 mt-2 w-[28rem] rounded-lg border border-slate-200 bg-white p-4 shadow-lg"
          data-testid="csv-import"
        >
          <p className="mb-2 text-xs text-slate-500">{t(lang, 'friends.importHelp')}</p>
          <form action={action} className="flex items-center gap-2">
            <input type="file" name="file" accept=".csv,text/csv" required className="min-w-0 flex-1 text-sm" />
            <button
              type="submit"
              disabled={pending}
              className="rounded-md bg-line px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
            >
              {pending ? t(lang, 'friends.importing') : t(lang, 'friends.importRun')}
            </button>
          </form>
          {state.status === 'done' ? (
            <p className="mt-3 rounded bg-green-50 p-2 text-sm text-green-800" role="status">
              {t(lang, 'friends.importDone').replace('{created}', String(state.created)).replace('{updated}', String(state.updated))}
            </p>
          ) : null}
          {state.status === 'rejected' ? (
            <div className="mt-3 rounded bg-rose-50 p-2 text-sm text-rose-900" role="alert">
              <p className="mb-1 font-semibold">{t(lang, 'friends.importRejected')}</p>
              <ul className="max-h-48 overflow-auto text-xs">
                {state.errors.map((e, i) => (
                  <li key={i}>
                    {t(lang, 'friends.importRow').replace('{row}', String(e.row))}
                    {e.column ? ` · ${e.column}` : ''}: {e.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {state.status === 'failed' ? <p className="mt-3 text-sm text-rose-700">{state.error.message}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
