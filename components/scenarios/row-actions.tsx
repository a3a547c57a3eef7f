'use client';
// One scenario's actions on the list: コピー, アーカイブ (a live or paused one is stopped first, after a confirmation that
// says how many friends are still in it), アーカイブから戻す, and 削除 for a draft that was never published.
import { useEffect, useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult, ScenarioStatus } from '@/lib/ui-types';
import { ConfirmDialog } from './confirm-dialog';
import { scenarioErrorText } from './error-text';
import { useListNotice } from './list-notice';

type Act<T extends object> = (input: { id: string }) => Promise<ActionResult<T>>;
export interface ScenarioListActions {
  duplicate: Act<{ id: string; name: string }>;
  archive: Act<{ stopped: boolean; activeRuns: number }>;
  unarchive: Act<{ status: 'draft' | 'stopped' }>;
  remove: Act<{ name: string }>;
}

export interface RowActionsRow {
  id: string;
  name: string;
  status: ScenarioStatus;
  activeRuns: number;
  archived: boolean;
  /** Ever published (it has a live version): then it can only be archived, never deleted. */
  published: boolean;
}

const btn =
  'whitespace-nowrap rounded-md border border-slate-200 bg-white px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50 disabled:opacity-40';
const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k: string) => String(vars[k] ?? m));

export function RowActions({
  lang,
  row,
  canPublish,
  actions,
}: {
  lang: Lang;
  row: RowActionsRow;
  canPublish: boolean;
  actions: ScenarioListActions;
}) {
  const notify = useListNotice();
  const [dialog, setDialog] = useState<'archive' | 'delete' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  // Disabled until hydrated: a click on the server's HTML would do nothing.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const idle = ready && !pending;
  const running = row.status === 'live' || row.status === 'paused';
  const words = (key: Parameters<typeof t>[1], vars: Record<string, string | number> = {}) =>
    fill(t(lang, key), { name: row.name, ...vars });

  /** Runs an action; a refusal inside a dialog stays there, one outside it goes to the list's notice. */
  function run<T extends object>(act: Act<T>, done: (r: T) => void) {
    setError(null);
    start(async () => {
      const r = await act({ id: row.id });
      if (r.ok) {
        setDialog(null);
        done(r);
      } else if (dialog) setError(scenarioErrorText(lang, r.error));
      else notify({ tone: 'error', text: scenarioErrorText(lang, r.error) });
    });
  }

  const close = () => {
    setDialog(null);
    setError(null);
  };

  return (
    <div className="flex justify-end gap-1" data-testid={`row-actions-${row.id}`}>
      {row.archived ? (
        <button
          type="button"
          className={btn}
          disabled={!idle}
          data-testid="unarchive"
          onClick={() =>
            run(actions.unarchive, (r) =>
              notify({ tone: 'ok', text: words('scenarios.unarchived', { status: t(lang, `status.${r.status}`) }) }),
            )
          }
        >
          {t(lang, 'scenarios.action.unarchive')}
        </button>
      ) : (
        <>
          <button
            type="button"
            className={btn}
            disabled={!idle}
            data-testid="duplicate"
            onClick={() =>
              run(actions.duplicate, (r) =>
                notify({
                  tone: 'ok',
                  text: fill(t(lang, 'scenarios.duplicated'), { name: r.name }),
                  link: { href: `/scenarios/${r.id}`, label: t(lang, 'versions.restore.open') },
                }),
              )
            }
          >
            {t(lang, 'scenarios.action.duplicate')}
          </button>
          <button
            type="button"
            className={btn}
            disabled={!idle || (running && !canPublish)}
            title={running && !canPublish ? t(lang, 'scenarios.archive.needsPublish') : undefined}
            data-testid="archive"
            onClick={() => setDialog('archive')}
          >
            {t(lang, 'scenarios.action.archive')}
          </button>
        </>
      )}
      {!row.published ? (
        <button type="button" className={`${btn} text-rose-700`} disabled={!idle} data-testid="delete" onClick={() => setDialog('delete')}>
          {t(lang, 'scenarios.action.delete')}
        </button>
      ) : null}
      {dialog === 'archive' ? (
        <ConfirmDialog
          testId="archive-dialog"
          title={t(lang, 'scenarios.archive.title')}
          confirmLabel={t(lang, running ? 'scenarios.archive.confirmStop' : 'scenarios.archive.confirm')}
          cancelLabel={t(lang, 'scenarios.dialog.cancel')}
          busyLabel={t(lang, 'scenarios.dialog.working')}
          busy={pending}
          danger={running}
          error={error}
          onCancel={close}
          onConfirm={() =>
            run(actions.archive, (r) =>
              notify({
                tone: 'ok',
                text: r.stopped ? words('scenarios.archivedStopped', { n: r.activeRuns }) : words('scenarios.archived'),
              }),
            )
          }
        >
          <p>{words('scenarios.archive.body')}</p>
          {running ? (
            <p className="rounded-md border border-amber-200 bg-amber-50 p-2 text-amber-900" data-testid="archive-stop-warning">
              {words('scenarios.archive.stopFirst', { status: t(lang, `status.${row.status}`), n: row.activeRuns })}
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
      {dialog === 'delete' ? (
        <ConfirmDialog
          testId="delete-dialog"
          title={t(lang, 'scenarios.delete.title')}
          confirmLabel={t(lang, 'scenarios.delete.confirm')}
          cancelLabel={t(lang, 'scenarios.dialog.cancel')}
          busyLabel={t(lang, 'scenarios.dialog.working')}
          busy={pending}
          danger
          error={error}
          onCancel={close}
          onConfirm={() => run(actions.remove, () => notify({ tone: 'ok', text: words('scenarios.deleted') }))}
        >
          <p>{words('scenarios.delete.body')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
