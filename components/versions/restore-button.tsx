'use client';
// 「この版を下書きに戻す」: asks first (saying so when the draft has unpublished changes it would lose), then replaces the
// draft through the server action, which refuses if the draft was saved elsewhere since this page was read.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ConfirmDialog } from '@/components/scenarios/confirm-dialog';
import { scenarioErrorText } from '@/components/scenarios/error-text';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';

export type RestoreAction = (input: {
  scenarioId: string;
  version: number;
  expectedRevision: number;
}) => Promise<ActionResult<{ revision: number }>>;

export function RestoreButton(props: {
  lang: Lang;
  scenarioId: string;
  version: number;
  draftRevision: number;
  /** The draft already holds this version's content. */
  isDraft: boolean;
  draftDiffers: boolean;
  action: RestoreAction;
}) {
  const { lang, version } = props;
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, start] = useTransition();
  const v = (s: string) => s.replace('{v}', String(version));
  if (done) {
    return (
      <span className="whitespace-nowrap text-xs text-emerald-800" role="status" data-testid={`restored-v${version}`}>
        ✓ {v(t(lang, 'versions.restore.done'))}{' '}
        <Link href={`/scenarios/${props.scenarioId}`} className="font-semibold underline">
          {t(lang, 'versions.restore.open')}
        </Link>
      </span>
    );
  }
  if (props.isDraft) {
    return (
      <span
        className="whitespace-nowrap rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600"
        title={t(lang, 'versions.restore.same')}
      >
        {t(lang, 'versions.restore.sameShort')}
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        className="whitespace-nowrap rounded-md border border-line bg-white px-2.5 py-1 text-xs font-semibold text-line-dark hover:bg-emerald-50"
        data-testid={`restore-v${version}`}
        onClick={() => setOpen(true)}
      >
        {t(lang, 'versions.restore')}
      </button>
      {open ? (
        <ConfirmDialog
          testId="restore-dialog"
          title={v(t(lang, 'versions.restore.title'))}
          confirmLabel={t(lang, 'versions.restore.confirm')}
          cancelLabel={t(lang, 'scenarios.dialog.cancel')}
          busyLabel={t(lang, 'scenarios.dialog.working')}
          busy={pending}
          error={error}
          onCancel={() => {
            setOpen(false);
            setError(null);
          }}
          onConfirm={() =>
            start(async () => {
              const r = await props.action({ scenarioId: props.scenarioId, version, expectedRevision: props.draftRevision });
              if (!r.ok) return setError(scenarioErrorText(lang, r.error));
              setOpen(false);
              setDone(true);
              router.refresh();
            })
          }
        >
          <p>{v(t(lang, 'versions.restore.body'))}</p>
          {props.draftDiffers ? (
            <p className="rounded-md border border-amber-200 bg-amber-50 p-2 text-amber-900" data-testid="restore-unpublished-warning">
              {t(lang, 'versions.restore.unpublished')}
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
