'use client';
// "For these N friends": add or remove a tag, or start a live scenario, for every friend the list's filter selects
// (all pages, not only the one shown), after a confirmation naming N. The server refuses if the filter no longer
// selects N. Only the actions the role may use are passed in.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import type { ActionError, ActionResult } from '@/lib/ui-types';

type Filter = Record<string, string>;
export type BulkTagAction = (input: {
  filter: Filter;
  expected: number;
  tag: string;
  remove: boolean;
}) => Promise<ActionResult<{ friends: number; changed: number }>>;
export type BulkStartAction = (input: {
  filter: Filter;
  expected: number;
  scenarioId: string;
}) => Promise<ActionResult<{ friends: number; queued: number }>>;
type Mode = 'tag' | 'untag' | 'start';

const ERRORS: Record<string, MessageKey> = {
  'conflict:filter_changed': 'bulk.error.changed',
  'invalid:no_friends': 'bulk.error.none',
  'invalid:all_blocked': 'bulk.error.allBlocked',
  'conflict:not_live': 'bulk.error.notLive',
  'invalid:body': 'bulk.error.tag',
};
const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k: string) => String(vars[k] ?? m));
const button =
  'rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-50 aria-pressed:border-amber-400 aria-pressed:bg-amber-50';

export function BulkActions(props: {
  lang: Lang;
  total: number;
  filter: Filter;
  tags: string[];
  scenarios: { id: string; name: string }[];
  tagAction: BulkTagAction | null;
  startAction: BulkStartAction | null;
}) {
  const { lang, total, filter, tagAction, startAction } = props;
  const router = useRouter();
  const [mode, setMode] = useState<Mode | null>(null);
  const [tag, setTag] = useState('');
  const [scenarioId, setScenarioId] = useState(props.scenarios[0]?.id ?? '');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const w = (key: MessageKey, vars: Record<string, string | number> = {}) => fill(t(lang, key), { n: total.toLocaleString(), ...vars });
  const fail = (e: ActionError) =>
    setError(ERRORS[e.code] ? w(ERRORS[e.code] ?? 'bulk.error.other') : w('bulk.error.other', { code: e.code }));
  const open = (m: Mode) => {
    setMode(m);
    setDone(null);
    setError(null);
  };
  const scenarioName = props.scenarios.find((s) => s.id === scenarioId)?.name ?? '';
  const go = () =>
    start(async () => {
      setError(null);
      if (mode === 'start' && startAction) {
        const r = await startAction({ filter, expected: total, scenarioId });
        if (!r.ok) return fail(r.error);
        setDone(w('bulk.done.start', { name: scenarioName, queued: r.queued }));
      } else if (mode && tagAction) {
        const r = await tagAction({ filter, expected: total, tag: tag.trim(), remove: mode === 'untag' });
        if (!r.ok) return fail(r.error);
        setDone(w(mode === 'untag' ? 'bulk.done.untag' : 'bulk.done.tag', { tag: tag.trim(), changed: r.changed }));
        router.refresh();
      }
      setMode(null);
    });
  if ((total === 0 && !done) || (!tagAction && !startAction)) return null;
  const confirm =
    mode === 'start' ? w('bulk.confirm.start', { name: scenarioName }) : mode ? w(`bulk.confirm.${mode}`, { tag: tag.trim() || '…' }) : '';
  return (
    <div className="mb-4 space-y-2 rounded-lg border border-slate-200 bg-white p-3" data-testid="bulk-actions">
      <div className={`flex flex-wrap items-center gap-2 ${total === 0 ? 'hidden' : ''}`}>
        <span className="text-sm font-medium text-slate-700" data-testid="bulk-count" data-count={total}>
          {w('bulk.these')}
        </span>
        {tagAction ? (
          <>
            <button type="button" className={button} aria-pressed={mode === 'tag'} onClick={() => open('tag')} data-testid="bulk-tag">
              {w('bulk.tag')}
            </button>
            <button type="button" className={button} aria-pressed={mode === 'untag'} onClick={() => open('untag')} data-testid="bulk-untag">
              {w('bulk.untag')}
            </button>
          </>
        ) : null}
        {startAction ? (
          <button type="button" className={button} aria-pressed={mode === 'start'} onClick={() => open('start')} data-testid="bulk-start">
            {w('bulk.start')}
          </button>
        ) : null}
      </div>
      {mode ? (
        <div
          role="dialog"
          aria-label={w(`bulk.${mode}`)}
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3"
          data-testid="bulk-dialog"
        >
          {mode === 'start' ? (
            props.scenarios.length === 0 ? (
              <p className="text-sm text-slate-600">{w('bulk.noScenario')}</p>
            ) : (
              <label className="flex items-center gap-2 text-sm">
                {w('bulk.scenario')}
                <select
                  value={scenarioId}
                  onChange={(e) => setScenarioId(e.target.value)}
                  className="rounded-md border border-slate-300 px-2 py-1"
                  data-testid="bulk-scenario"
                >
                  {props.scenarios.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
            )
          ) : (
            <label className="flex items-center gap-2 text-sm">
              {w('bulk.tagName')}
              <input
                value={tag}
                onChange={(e) => setTag(e.target.value)}
                list="bulk-known-tags"
                className="rounded-md border border-slate-300 px-2 py-1"
                data-testid="bulk-tag-name"
              />
              <datalist id="bulk-known-tags">
                {props.tags.map((x) => (
                  <option key={x} value={x} />
                ))}
              </datalist>
            </label>
          )}
          <p className="text-sm text-slate-800" data-testid="bulk-confirm-text">
            {confirm}
          </p>
          <div className="flex gap-2">
            <button
              type="button"
              disabled={pending || (mode === 'start' ? !scenarioId : !tag.trim())}
              onClick={go}
              className="rounded-md bg-line px-3 py-1.5 text-sm font-medium text-white hover:bg-line-dark disabled:opacity-50"
              data-testid="bulk-go"
            >
              {pending ? w('bulk.working') : w(`bulk.go.${mode}`)}
            </button>
            <button type="button" disabled={pending} onClick={() => setMode(null)} className={button}>
              {w('bulk.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {done ? (
        <p role="status" className="text-sm text-green-800" data-testid="bulk-done">
          {done}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-rose-700" data-testid="bulk-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
