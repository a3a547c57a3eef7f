'use client';
// The scenario editor page's client root: one store per mount, autosave, conflict and restore banners, panels around the canvas.
// What the operator's role does not allow is not shown: a viewer or analyst gets the canvas read-only (no palette, no
// autosave, inspector and settings disabled, no preview), publish and run control need the publisher role.
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { X } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Lang } from '@/lib/i18n/dictionary';
import type { AccountQuietHours } from '@/scenario/quiet-hours';
import type { AttributeDefinition, NodeKind, ScenarioGraph } from '@/scenario/schema';
import { PreviewPanel } from '@/components/preview/preview-panel';
import { api, type ScenarioStatus } from './api';
import { ArchivedBanner } from './archived-banner';
import { backupKey, createAutosave, readBackup, sameGraph, type Autosave, type Backup } from './autosave';
import { Canvas } from './canvas';
import type { ScenarioCapabilities } from './capabilities';
import { EditorProvider, useEditor, useEditorStore, useT } from './editor-context';
import { ForecastPanel } from './forecast/forecast-panel';
import { DefineAttributeProvider, type DefineAttribute } from './inspector/define-attribute';
import { Inspector } from './inspector/inspector';
import { Palette } from './palette';
import { ProblemList } from './problem-list';
import { PublishDialog } from './publish-dialog';
import { SettingsPanel } from './settings-panel';
import { createEditorStore } from './store';
import { Toolbar } from './toolbar';
import { useShortcuts } from './use-shortcuts';
import { VersionHistory } from './version-history';

export type EditorInitial = {
  id: string;
  name: string;
  status: ScenarioStatus;
  draft: ScenarioGraph;
  draftRevision: number;
  live: { version: number; graph: ScenarioGraph | null } | null;
  /** Archived: shown read-only with a banner saying how to bring it back (the page gives no editing capabilities). */
  archived?: boolean;
};

type Tab = 'step' | 'settings' | 'problems' | 'preview' | 'forecast' | 'history';

function Shell({ initial, caps }: { initial: EditorInitial; caps: ScenarioCapabilities }) {
  const t = useT();
  const store = useEditorStore();
  const { screenToFlowPosition } = useReactFlow();
  const readOnly = !caps.edit;
  // One autosave per mount, made in an effect so React's dev double-mount cannot leave a second one saving too.
  const autosaveRef = useRef<Autosave | null>(null);
  useEffect(() => {
    if (readOnly) return;
    const a = createAutosave(store, initial.id);
    autosaveRef.current = a;
    return () => {
      a.dispose();
      if (autosaveRef.current === a) autosaveRef.current = null;
    };
  }, [store, initial.id, readOnly]);
  const autosave = useMemo(() => ({ flush: () => autosaveRef.current?.flush() ?? Promise.resolve(false) }), []);
  const [tab, setTab] = useState<Tab>('settings');
  const [status, setStatus] = useState<ScenarioStatus>(initial.status);
  const [live, setLive] = useState(initial.live);
  const [publishing, setPublishing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [stale, setStale] = useState<Backup | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  // Marks the page usable once React has taken over the server HTML (tests and the benchmark wait for it).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const saveStatus = useEditor((s) => s.saveStatus);
  const saveError = useEditor((s) => s.saveError);
  const problems = useEditor((s) => s.issues.length);
  const selectedOne = useEditor((s) => {
    const sel = s.nodes.filter((n) => n.selected);
    return sel.length === 1 ? (sel[0]?.id ?? null) : null;
  });

  // Nothing typed is lost: a local copy newer than the server's draft is taken back (or offered, if the server moved on).
  const restoreChecked = useRef(false);
  useEffect(() => {
    if (restoreChecked.current || readOnly) return;
    restoreChecked.current = true;
    const b = readBackup(initial.id);
    if (!b || sameGraph(b.graph, initial.draft)) return localStorage.removeItem(backupKey(initial.id));
    if (b.baseRevision === initial.draftRevision) {
      store.getState().replaceGraph(b.graph, initial.draftRevision, b.name);
      store.setState({ savedVersion: -1, saveStatus: 'pending' });
      void autosave.flush();
    } else setStale(b);
  }, [initial, store, autosave, readOnly]);

  useEffect(() => {
    if (selectedOne) setTab((x) => (x === 'settings' || x === 'problems' ? 'step' : x));
  }, [selectedOne]);

  const saveNow = useCallback(() => void autosave.flush(), [autosave]);
  useShortcuts(saveNow, readOnly);

  const reloadLatest = async (keepMine: boolean) => {
    const r = await api.scenario(initial.id);
    if (!r.ok) return setNotice(r.error.message);
    if (keepMine) {
      store.setState({ revision: r.data.draftRevision, saveStatus: 'pending', savedVersion: -1 });
      await autosave.flush();
    } else store.getState().replaceGraph(r.data.draft, r.data.draftRevision, r.data.name);
    setStatus(r.data.status);
  };

  const onStatus = async (action: 'pause' | 'resume' | 'stop') => {
    if (action === 'stop' && !window.confirm(t('editor.stopConfirm'))) return;
    const r = await api.setStatus(initial.id, action);
    if (r.ok) {
      setStatus(r.data.status);
      setNotice(action === 'stop' ? t('editor.stopped').replace('{n}', String(r.data.activeRuns ?? 0)) : null);
    } else setNotice(r.error.message);
  };

  const addFromPalette = (kind: NodeKind) => {
    const el = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const p = screenToFlowPosition({ x: (el?.left ?? 0) + (el?.width ?? 600) / 2, y: (el?.top ?? 0) + (el?.height ?? 400) / 2 });
    store.getState().addNode(kind, { x: Math.round(p.x - 120), y: Math.round(p.y - 44) });
  };

  const tabs: { id: Tab; label: string }[] = [
    { id: 'step', label: t('editor.tab.step') },
    { id: 'settings', label: t('editor.tab.settings') },
    { id: 'problems', label: `${t('editor.tab.problems')}${problems > 0 ? ` (${problems})` : ''}` },
    ...(caps.edit ? [{ id: 'preview' as const, label: t('editor.tab.preview') }] : []),
    { id: 'forecast', label: t('forecast.tab') },
    { id: 'history', label: t('editor.tab.history') },
  ];

  return (
    <div className="flex h-full flex-col" data-testid="editor" data-ready={hydrated} data-read-only={readOnly}>
      <Toolbar
        status={status}
        canPublish={caps.publish}
        liveVersion={live?.version ?? null}
        liveGraph={live?.graph ?? null}
        onPublish={() => setPublishing(true)}
        onStatus={(a) => void onStatus(a)}
      />
      {initial.archived && <ArchivedBanner />}
      {saveStatus === 'conflict' && (
        <div
          className="flex items-center gap-3 border-b border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-900"
          data-testid="conflict-banner"
          role="alert"
        >
          <span className="font-semibold">{t('editor.conflict.title')}</span>
          <span>{t('editor.conflict.body')}</span>
          <button
            type="button"
            className="ml-auto rounded border border-rose-300 bg-white px-2 py-0.5"
            onClick={() => void reloadLatest(false)}
            data-testid="conflict-reload"
          >
            {t('editor.conflict.reload')}
          </button>
          <button
            type="button"
            className="rounded border border-rose-300 bg-white px-2 py-0.5"
            onClick={() => void reloadLatest(true)}
            data-testid="conflict-overwrite"
          >
            {t('editor.conflict.overwrite')}
          </button>
        </div>
      )}
      {saveStatus === 'error' && (
        <div className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900" role="alert">
          {t('editor.save.failed')} {saveError}
        </div>
      )}
      {stale && (
        <div
          className="flex items-center gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900"
          data-testid="restore-banner"
        >
          {t('editor.restore.body')}
          <button
            type="button"
            className="ml-auto rounded border bg-white px-2 py-0.5"
            onClick={() => {
              store.getState().replaceGraph(stale.graph, store.getState().revision, stale.name);
              store.setState({ savedVersion: -1, saveStatus: 'pending' });
              void autosave.flush();
              setStale(null);
            }}
          >
            {t('editor.restore.apply')}
          </button>
          <button
            type="button"
            className="rounded border bg-white px-2 py-0.5"
            onClick={() => {
              localStorage.removeItem(backupKey(initial.id));
              setStale(null);
            }}
          >
            {t('editor.restore.discard')}
          </button>
        </div>
      )}
      {notice && (
        <div className="flex border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm" role="status">
          {notice}
          <button type="button" className="ml-auto text-slate-500" onClick={() => setNotice(null)} aria-label={t('editor.notice.close')}>
            <X className="h-4 w-4" aria-hidden />
          </button>
        </div>
      )}
      <div className="flex min-h-0 flex-1">
        {!readOnly && <Palette onAdd={addFromPalette} />}
        <div className="min-w-0 flex-1">
          <Canvas />
        </div>
        <aside className="flex w-[24rem] shrink-0 flex-col border-l border-slate-200 bg-white">
          <nav className="flex border-b border-slate-200 text-xs" role="tablist">
            {tabs.map((x) => (
              <button
                key={x.id}
                type="button"
                role="tab"
                aria-selected={tab === x.id}
                data-testid={`tab-${x.id}`}
                onClick={() => setTab(x.id)}
                className={`flex-auto whitespace-nowrap px-1 py-2 ${tab === x.id ? 'border-b-2 border-line font-semibold text-slate-900' : 'text-slate-500 hover:text-slate-800'} ${x.id === 'problems' && problems > 0 ? 'text-rose-700' : ''}`}
              >
                {x.label}
              </button>
            ))}
          </nav>
          <div className="min-h-0 flex-1 overflow-y-auto">
            {tab === 'step' && <Inspector />}
            {tab === 'settings' && <SettingsPanel />}
            {tab === 'problems' && <ProblemList />}
            {tab === 'preview' && caps.edit && <PreviewPanel scenarioId={initial.id} canTestSend={caps.testSend} />}
            {tab === 'forecast' && <ForecastPanel scenarioId={initial.id} flush={autosave.flush} />}
            {tab === 'history' && <VersionHistory scenarioId={initial.id} liveVersion={live?.version ?? null} refreshKey={historyKey} />}
          </div>
        </aside>
      </div>
      {publishing && caps.publish && (
        <PublishDialog
          scenarioId={initial.id}
          live={live}
          flush={autosave.flush}
          onClose={() => setPublishing(false)}
          onPublished={(version, graph) => {
            setLive({ version, graph });
            setStatus((s) => (s === 'paused' ? 'paused' : 'live'));
            setHistoryKey((k) => k + 1);
          }}
        />
      )}
    </div>
  );
}

export function ScenarioEditor({
  initial,
  attributes,
  accountQuietHours,
  lang,
  caps,
  defineAttribute = null,
}: {
  initial: EditorInitial;
  attributes: AttributeDefinition[];
  /** The account's quiet-hours default (what `quietHours: 'account'` resolves to in the preview). */
  accountQuietHours?: AccountQuietHours;
  lang: Lang;
  caps: ScenarioCapabilities;
  /** Settings' server action, passed when the operator may define attributes: then a missing one is defined in place. */
  defineAttribute?: DefineAttribute | null;
}) {
  const [store] = useState(() =>
    createEditorStore({
      graph: initial.draft,
      revision: initial.draftRevision,
      name: initial.name,
      lang,
      attributes,
      ...(accountQuietHours ? { accountQuietHours } : {}),
      readOnly: !caps.edit,
    }),
  );
  return (
    <EditorProvider value={store}>
      <DefineAttributeProvider value={caps.edit ? defineAttribute : null}>
        <ReactFlowProvider>
          <Shell initial={initial} caps={caps} />
        </ReactFlowProvider>
      </DefineAttributeProvider>
    </EditorProvider>
  );
}
