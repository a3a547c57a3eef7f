'use client';
// Preview for a test friend: simulate() runs in the browser on the current draft; chat bubbles by day, decisions explained, path lit on the canvas.
// テスト配信 is shown only to operators whose role may run it (the route refuses the others anyway).
import { useEffect, useMemo, useState } from 'react';
import { formatInstant } from '@/lib/format';
import { endReasonText } from '@/lib/i18n/reasons';
import { NODE_LABELS } from '@/scenario/nodes';
import { friendFixture } from '@/scenario/fixtures';
import type { ScenarioGraph } from '@/scenario/schema';
import { api } from '@/components/editor/api';
import { useEditor, useT } from '@/components/editor/editor-context';
import { outputLabel } from '@/components/editor/flow-mapping';
import { EventList } from './event-list';
import { FriendForm, type PreviewFriend } from './friend-form';
import { AnswerChoices } from './answer-choices';
import { LineBubble, LineChat } from './line-bubble';
import { runPreview, withAnswer, type PlannedEvent } from './run-preview';

/** The hypothetical friend's id: never a real friend, so "Send test" waits until one is picked. */
const HYPOTHETICAL_ID = 'preview-friend';

function startOfHour(now: number) {
  return Math.floor(now / 3_600_000) * 3_600_000;
}

/**
 * The draft graph as of the latest edit. The store bumps `version` on every edit but not on selection or mid-drag moves:
 * the preview simulates once per edit, and selecting a step (which changes `nodes`) keeps the step's highlight.
 */
function useEditedGraph(): ScenarioGraph {
  const version = useEditor((s) => s.version);
  const graphOf = useEditor((s) => s.graph);
  const [built, setBuilt] = useState(() => ({ version, graphOf, graph: graphOf() }));
  if (built.version === version && built.graphOf === graphOf) return built.graph;
  // Adjusting state while rendering (React's pattern for deriving from a changed value): no effect, no stale frame.
  const next = { version, graphOf, graph: graphOf() };
  setBuilt(next);
  return next.graph;
}

export function PreviewPanel({ scenarioId, canTestSend }: { scenarioId: string; canTestSend: boolean }) {
  const t = useT();
  const lang = useEditor((s) => s.lang);
  const attributes = useEditor((s) => s.attributes);
  const accountQuietHours = useEditor((s) => s.accountQuietHours);
  const zone = useEditor((s) => s.settings.timeZone);
  const nodes = useEditor((s) => s.nodes);
  const setHighlight = useEditor((s) => s.setHighlight);
  const select = useEditor((s) => s.select);
  const [who, setWho] = useState<PreviewFriend>(() => ({
    source: 'hypothetical',
    friend: friendFixture({ id: HYPOTHETICAL_ID, displayName: lang === 'ja' ? '花子' : 'Hanako', friendAddedAt: startOfHour(Date.now()) }),
  }));
  const [events, setEvents] = useState<PlannedEvent[]>([]);
  const [compress, setCompress] = useState(8640);
  const [testRun, setTestRun] = useState<string | null>(null);

  const graph = useEditedGraph();
  const result = useMemo(
    () => runPreview(graph, { friend: who.friend, start: who.friend.friendAddedAt, events, attributes, lang, accountQuietHours }),
    [graph, who, events, attributes, lang, accountQuietHours],
  );

  useEffect(() => {
    if (result.ok) setHighlight({ nodes: result.path.nodes, edges: result.path.edges, current: null });
    else setHighlight(null);
  }, [result, setHighlight]);
  useEffect(() => () => setHighlight(null), [setHighlight]);

  const labelOf = (id: string) => {
    const n = nodes.find((x) => x.id === id);
    return n ? (n.data.label ?? NODE_LABELS[n.data.step.kind][lang]) : id;
  };
  // Switching to "real" keeps the hypothetical friend until one is picked from the list.
  const picked = who.source === 'real' && who.friend.id !== HYPOTHETICAL_ID;
  const focus = (id: string) => {
    select([id]);
    setHighlight(result.ok ? { nodes: result.path.nodes, edges: result.path.edges, current: id } : null);
  };

  return (
    <div className="space-y-4 p-4" data-testid="preview-panel">
      <section className="space-y-2">
        <h3 className="text-xs font-bold uppercase text-slate-500">{t('preview.friend')}</h3>
        <FriendForm scenarioId={scenarioId} zone={zone} attributes={attributes} value={who} onChange={setWho} />
      </section>
      <section className="space-y-2">
        <h3 className="text-xs font-bold uppercase text-slate-500">{t('preview.events')}</h3>
        <EventList events={events} onChange={setEvents} />
      </section>
      {!result.ok ? (
        <p className="rounded-md bg-rose-50 p-3 text-sm text-rose-800" data-testid="preview-blocked">
          {t('preview.blocked').replace('{n}', String(result.issues.length))}
        </p>
      ) : (
        <>
          <section className="space-y-2">
            <h3 className="text-xs font-bold uppercase text-slate-500">
              {t('preview.chat')} · {t('preview.sends').replace('{n}', String(result.timeline.sends))}
            </h3>
            <LineChat testId="preview-chat">
              {result.chat.length === 0 && <p className="text-center text-xs text-white">{t('preview.noMessages')}</p>}
              {result.chat.map((c, i) => (
                <div key={i} className="space-y-1" data-testid="preview-day" data-day={c.day}>
                  <div className="text-center">
                    <span className="rounded-full bg-slate-900/25 px-2 py-0.5 text-[10px] text-white" data-testid="preview-instant">
                      {t('preview.day').replace('{n}', String(c.day))} · {formatInstant(c.at, lang, zone)}
                    </span>
                  </div>
                  <button type="button" className="block text-left" onClick={() => focus(c.nodeId)}>
                    {c.messages.map((m, k) => (
                      <div key={k} className="mb-1">
                        <LineBubble message={m} lang={lang} time={formatInstant(c.at, lang, zone).slice(-9, -4)} />
                      </div>
                    ))}
                  </button>
                  {c.question && (
                    <AnswerChoices
                      question={c.question}
                      onAnswer={(choice) => c.question && setEvents(withAnswer(events, c.question.answer, choice))}
                    />
                  )}
                </div>
              ))}
            </LineChat>
          </section>
          <section className="space-y-1">
            <h3 className="text-xs font-bold uppercase text-slate-500">{t('preview.why')}</h3>
            <ol className="space-y-1 text-sm" data-testid="preview-steps">
              {result.steps.map((s, i) => {
                const n = nodes.find((x) => x.id === s.nodeId);
                const via = s.decision && n ? outputLabel(n.data.step, s.decision, lang) : '';
                return (
                  <li key={i}>
                    <button type="button" className="w-full rounded px-2 py-1 text-left hover:bg-sky-50" onClick={() => focus(s.nodeId)}>
                      <span className="text-xs text-slate-500">{formatInstant(s.at, lang, zone)}</span>{' '}
                      <span className="font-medium">{labelOf(s.nodeId)}</span> <span className="text-slate-600">— {s.summary}</span>
                      {s.reason && (
                        <span className="block pl-2 text-xs text-slate-500">
                          → {via && `[${via}] `}
                          {s.reason}
                        </span>
                      )}
                      {s.waitUntil !== undefined && s.kind !== 'send' && (
                        <span className="block pl-2 text-xs text-slate-500">
                          {t('preview.until')} {formatInstant(s.waitUntil, lang, zone)}
                        </span>
                      )}
                    </button>
                  </li>
                );
              })}
              <li className="px-2 text-xs text-slate-500">
                {t('preview.end')}: {endReasonText(lang, result.timeline.end.reason)} · {formatInstant(result.timeline.end.at, lang, zone)}
              </li>
            </ol>
          </section>
        </>
      )}
      {canTestSend && (
        <section className="space-y-2 rounded-md border border-slate-200 p-3" data-testid="send-test-section">
          <h3 className="text-xs font-bold uppercase text-slate-500">{t('preview.sendTest')}</h3>
          <p className="text-xs text-slate-500">{t('preview.sendTestHelp')}</p>
          <select
            className="w-full rounded border border-slate-300 px-2 py-1 text-sm"
            value={compress}
            onChange={(e) => setCompress(Number(e.target.value))}
          >
            <option value={8640}>{t('preview.compress10s')}</option>
            <option value={1440}>{t('preview.compress1m')}</option>
            <option value={1}>{t('preview.compressNone')}</option>
          </select>
          <button
            type="button"
            data-testid="send-test"
            disabled={!picked || !result.ok}
            className="w-full rounded-md bg-slate-800 px-3 py-1.5 text-sm text-white disabled:opacity-40"
            onClick={() =>
              void api
                .testRun(scenarioId, who.friend.id, compress)
                .then((r) => setTestRun(r.ok ? `✓ ${t('preview.testStarted')} ${r.data.runId}` : r.error.message))
            }
          >
            {t('preview.sendTestButton')}
          </button>
          {!picked && <p className="text-[11px] text-slate-500">{t('preview.pickReal')}</p>}
          {testRun && (
            <p className="break-all text-xs text-slate-700" data-testid="send-test-result">
              {testRun}
            </p>
          )}
        </section>
      )}
    </div>
  );
}
