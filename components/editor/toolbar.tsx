'use client';
// The editor's top bar: name, save state, 「未公開の変更あり」, undo/redo, layout and fit, run status with
// pause/resume/stop, publish.
// Read-only (viewer, analyst) keeps only fit; run control and publish are shown to publishers only.
import { useReactFlow } from '@xyflow/react';
import { ArrowLeft, LayoutGrid, Maximize, Redo2, Undo2 } from 'lucide-react';
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { UnpublishedBadge } from '@/components/ui/unpublished-badge';
import type { ScenarioGraph } from '@/scenario/schema';
import type { ScenarioStatus } from './api';
import { FIT_VIEW } from './canvas';
import { useEditor, useT } from './editor-context';
import { useUnpublished } from './use-unpublished';

const btn = 'rounded-md border border-slate-200 bg-white px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-50 disabled:opacity-40';

function SaveState() {
  const t = useT();
  const status = useEditor((s) => s.saveStatus);
  const colour = {
    saved: 'text-slate-500',
    pending: 'text-slate-500',
    saving: 'text-slate-500',
    conflict: 'text-rose-700',
    error: 'text-rose-700',
  }[status];
  return (
    <span className={`text-xs ${colour}`} data-testid="save-status" data-state={status}>
      {t(`editor.save.${status}`)}
    </span>
  );
}

export function Toolbar(props: {
  status: ScenarioStatus;
  canPublish: boolean;
  liveVersion: number | null;
  /** The live version's graph: the draft is marked 「未公開の変更あり」 while it differs. */
  liveGraph: ScenarioGraph | null;
  onPublish: () => void;
  onStatus: (a: 'pause' | 'resume' | 'stop') => void;
}) {
  const t = useT();
  const lang = useEditor((s) => s.lang);
  const name = useEditor((s) => s.name);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const undo = useEditor((s) => s.undo);
  const redo = useEditor((s) => s.redo);
  const layout = useEditor((s) => s.autoLayout);
  const problems = useEditor((s) => s.issues.length);
  const readOnly = useEditor((s) => s.readOnly);
  const { fitView } = useReactFlow();
  const unpublished = useUnpublished(props.liveGraph);
  const { status, canPublish } = props;
  return (
    <header className="flex items-center gap-2 border-b border-slate-200 bg-white px-3 py-2">
      <Link href="/scenarios" className="flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="h-4 w-4" aria-hidden />
        {t('nav.scenarios')}
      </Link>
      <h1 className="max-w-72 truncate text-base font-bold" data-testid="scenario-name">
        {name}
      </h1>
      <StatusBadge status={status} lang={lang} />
      {props.liveVersion !== null && <span className="text-xs text-slate-500">v{props.liveVersion}</span>}
      {unpublished && <UnpublishedBadge lang={lang} />}
      {!readOnly && <SaveState />}
      <div className="ml-4 flex gap-1">
        {!readOnly && (
          <>
            <button
              type="button"
              className={btn}
              disabled={!canUndo}
              onClick={undo}
              title={`${t('editor.undo')} (⌘/Ctrl+Z)`}
              data-testid="undo"
              aria-label={t('editor.undo')}
            >
              <Undo2 className="h-4 w-4" aria-hidden />
            </button>
            <button
              type="button"
              className={btn}
              disabled={!canRedo}
              onClick={redo}
              title={`${t('editor.redo')} (⌘/Ctrl+Shift+Z)`}
              data-testid="redo"
              aria-label={t('editor.redo')}
            >
              <Redo2 className="h-4 w-4" aria-hidden />
            </button>
            <button
              type="button"
              className={btn}
              data-testid="auto-layout"
              title={`${t('editor.layout')} (L)`}
              onClick={() => {
                void layout().then(() => requestAnimationFrame(() => void fitView({ ...FIT_VIEW, duration: 200 })));
              }}
            >
              <span className="flex items-center gap-1">
                <LayoutGrid className="h-4 w-4" aria-hidden />
                {t('editor.layout')}
              </span>
            </button>
          </>
        )}
        <button
          type="button"
          className={btn}
          onClick={() => void fitView({ ...FIT_VIEW, duration: 200 })}
          title={`${t('editor.fit')} (F)`}
          data-testid="fit-view"
        >
          <span className="flex items-center gap-1">
            <Maximize className="h-4 w-4" aria-hidden />
            {t('editor.fit')}
          </span>
        </button>
      </div>
      {canPublish && (
        <div className="ml-auto flex items-center gap-1">
          {status === 'live' && (
            <button type="button" className={btn} onClick={() => props.onStatus('pause')} data-testid="pause">
              {t('editor.pause')}
            </button>
          )}
          {(status === 'paused' || status === 'stopped') && (
            <button type="button" className={btn} onClick={() => props.onStatus('resume')} data-testid="resume">
              {t('editor.resume')}
            </button>
          )}
          {(status === 'live' || status === 'paused') && (
            <button type="button" className={`${btn} text-rose-700`} onClick={() => props.onStatus('stop')} data-testid="stop">
              {t('editor.stop')}
            </button>
          )}
          <button
            type="button"
            onClick={props.onPublish}
            data-testid="publish"
            className="rounded-md bg-line px-3 py-1 text-sm font-semibold text-white hover:bg-line-dark"
            title={problems > 0 ? t('editor.publish.hasProblems') : undefined}
          >
            {t('editor.publish.button')}
            {problems > 0 && <span className="ml-1 rounded-full bg-white/90 px-1.5 text-xs text-rose-700">{problems}</span>}
          </button>
        </div>
      )}
    </header>
  );
}
