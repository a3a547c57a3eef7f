'use client';
// Publish: what changed since the live version (from the core's diff), every problem still open, then the server's verdict.
import { useEffect, useMemo, useState } from 'react';
import { diffGraphs, type NodeDiff } from '@/scenario/diff';
import { NODE_LABELS } from '@/scenario/nodes';
import type { MessageKey } from '@/lib/i18n/dictionary';
import type { ScenarioGraph } from '@/scenario/schema';
import type { QuotaView } from '@/lib/forecast/view';
import { api, type ApiError } from './api';
import { QuotaWarning } from './forecast/quota-warning';
import { useEditor, useT } from './editor-context';
import { ProblemList } from './problem-list';

/** A changed setting by its name on the settings tab, never its key. */
function settingKey(k: string): MessageKey {
  switch (k) {
    case 'timeZone':
      return 'editor.settings.timeZone';
    case 'goal':
      return 'editor.settings.goal';
    case 'quietHours':
      return 'editor.settings.quietHours';
    case 'frequencyCap':
      return 'editor.settings.frequencyCap';
    case 'splitSalt':
      return 'editor.diff.splitSalt';
    default:
      return 'editor.diff.otherSetting';
  }
}

export function PublishDialog(props: {
  scenarioId: string;
  live: { version: number; graph: ScenarioGraph | null } | null;
  flush: () => Promise<boolean>;
  onClose: () => void;
  onPublished: (version: number, graph: ScenarioGraph) => void;
}) {
  const t = useT();
  const lang = useEditor((s) => s.lang);
  const issues = useEditor((s) => s.issues);
  const graph = useEditor((s) => s.graph);
  const [saved, setSaved] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const current = useMemo(() => graph(), [graph]);
  const diff = useMemo(() => diffGraphs(props.live?.graph ?? null, current), [props.live, current]);
  const stepName = (id: string) => {
    const n = current.nodes.find((x) => x.id === id);
    return n ? `${n.label ?? NODE_LABELS[n.kind][lang]}（${id}）` : id;
  };
  const { flush } = props;
  // The forecast of the saved draft against the LINE plan: a publish that would pass the quota says so, with the yen.
  const [quota, setQuota] = useState<QuotaView | null>(null);
  useEffect(() => {
    void flush().then(async (ok) => {
      setSaved(ok);
      if (!ok) return;
      const r = await api.forecast(props.scenarioId);
      if (r.ok) setQuota(r.data.quota);
    });
  }, [flush, props.scenarioId]);

  const publish = async () => {
    setBusy(true);
    setError(null);
    if (!(await props.flush())) {
      setBusy(false);
      setSaved(false);
      return;
    }
    const r = await api.publish(props.scenarioId);
    setBusy(false);
    if (r.ok) {
      setDone(r.data.version);
      props.onPublished(r.data.version, current);
    } else setError(r.error);
  };

  const row = (n: NodeDiff, tone: string, sign: string) => (
    <li key={`${sign}${n.id}`} className={`text-sm ${tone}`}>
      {sign} {n.label ?? NODE_LABELS[n.kind][lang]}{' '}
      <code className="text-[10px] text-slate-400" translate="no">
        {n.id}
      </code>
      {n.fields.length > 0 && <span className="text-xs text-slate-500"> ({n.fields.map((f) => t(`editor.diff.${f}`)).join(', ')})</span>}
    </li>
  );

  return (
    <div
      className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40"
      role="dialog"
      aria-modal
      data-testid="publish-dialog"
    >
      <div className="max-h-[85vh] w-[36rem] overflow-y-auto rounded-xl bg-white shadow-xl">
        <div className="flex items-center border-b border-slate-200 px-5 py-3">
          <h2 className="font-bold">{t('editor.publish.title')}</h2>
          <button type="button" className="ml-auto text-slate-500" onClick={props.onClose} aria-label={t('editor.close')}>
            ✕
          </button>
        </div>
        <div className="space-y-4 px-5 py-4">
          {done !== null ? (
            <p className="rounded-md bg-emerald-50 p-3 text-emerald-800" data-testid="publish-done">
              ✓ {t('editor.publish.done').replace('{v}', String(done))}
            </p>
          ) : (
            <>
              <section data-testid="publish-diff">
                <h3 className="mb-1 text-xs font-bold uppercase text-slate-500">
                  {props.live ? t('editor.publish.since').replace('{v}', String(props.live.version)) : t('editor.publish.first')}
                </h3>
                {diff.same ? (
                  <p className="text-sm text-slate-500">{t('editor.publish.noChanges')}</p>
                ) : (
                  <ul className="space-y-0.5">
                    {diff.added.map((n) => row(n, 'text-emerald-700', '+'))}
                    {diff.changed.map((n) => row(n, 'text-amber-700', '~'))}
                    {diff.removed.map((n) => row(n, 'text-rose-700', '−'))}
                    {diff.settings.length > 0 && (
                      <li className="text-sm text-amber-700">
                        ~ {t('editor.publish.settings')}: {diff.settings.map((k) => t(settingKey(k))).join('、')}
                      </li>
                    )}
                  </ul>
                )}
              </section>
              {issues.length > 0 && (
                <section className="rounded-md border border-rose-200" data-testid="publish-blocked">
                  <p className="bg-rose-50 px-4 py-2 text-sm font-semibold text-rose-800">
                    {t('editor.publish.blocked').replace('{n}', String(issues.length))}
                  </p>
                  <ProblemList />
                </section>
              )}
              {error && (
                <div className="rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-800" data-testid="publish-error">
                  <p className="font-semibold">
                    {/* Problems only the server can see (coupons closed on LINE): the same words as the editor's own. */}
                    {error.code === 'invalid:graph'
                      ? t('editor.publish.blocked').replace('{n}', String(error.issues.length))
                      : error.message}
                  </p>
                  <ul className="mt-1 list-disc pl-5">
                    {error.issues.map((i, k) => (
                      <li key={k} data-node={i.nodeId ?? ''}>
                        {/* The server's issues name their step the way the canvas does (its label, else its kind). */}
                        {i.nodeId !== undefined && `${stepName(i.nodeId)}: `}
                        {lang === 'ja' ? (i.messageJa ?? i.message) : i.message}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {saved === false && <p className="text-sm text-rose-700">{t('editor.publish.unsaved')}</p>}
              {issues.length === 0 && <QuotaWarning quota={quota} lang={lang} compact />}
            </>
          )}
        </div>
        <div className="flex justify-end gap-2 border-t border-slate-200 px-5 py-3">
          <button type="button" className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100" onClick={props.onClose}>
            {done !== null ? t('editor.close') : t('editor.cancel')}
          </button>
          {done === null && (
            <button
              type="button"
              data-testid="publish-confirm"
              disabled={busy || issues.length > 0 || saved === null}
              onClick={() => void publish()}
              className="rounded-md bg-line px-4 py-1.5 text-sm font-semibold text-white hover:bg-line-dark disabled:cursor-not-allowed disabled:opacity-40"
            >
              {busy ? t('editor.publish.publishing') : t('editor.publish.confirm')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
