'use client';
// 「待機中の友だちを移行」: picks the versions, the mapping and the due-time policy, shows the dry run (per step and per
// friend, with warnings and a CSV), and applies exactly that dry run; a stale one is refused and computed again.
import { useState } from 'react';
import { isNodeKind, NODE_LABELS } from '@/scenario/nodes';
import { toLocalIso } from '@/scenario/time';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import type { DryRun, MigrationProgress } from '@/lib/ui-types';

type Version = { id: string; version: number };
const SHOWN_FRIENDS = 50;

function fill(lang: Lang, key: MessageKey, values: Record<string, string | number>): string {
  return Object.entries(values).reduce((text, [k, v]) => text.replaceAll(`{${k}}`, String(v)), t(lang, key));
}

const kindLabel = (kind: string, lang: Lang) => (isNodeKind(kind) ? NODE_LABELS[kind][lang] : kind);
const when = (ms: number | null, zone: string) => (ms === null ? '—' : toLocalIso(ms, zone).slice(0, 16).replace('T', ' '));

async function post<T>(url: string, body: unknown): Promise<{ ok: true; data: T } | { ok: false; code: string; message: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.ok) return { ok: true, data: (await res.json()) as T };
  const err: unknown = await res.json().catch(() => null);
  const e = err && typeof err === 'object' && 'error' in err && err.error && typeof err.error === 'object' ? err.error : {};
  return {
    ok: false,
    code: 'code' in e && typeof e.code === 'string' ? e.code : String(res.status),
    message: 'message' in e && typeof e.message === 'string' ? e.message : res.statusText,
  };
}

export function MigrationDialog(props: { lang: Lang; scenarioId: string; versions: Version[]; liveVersion: number | null }) {
  const { lang, scenarioId } = props;
  const sorted = [...props.versions].sort((a, b) => a.version - b.version);
  const live = sorted.find((v) => v.version === props.liveVersion) ?? sorted.at(-1);
  const [open, setOpen] = useState(false);
  const [fromId, setFromId] = useState(sorted.find((v) => v.id !== live?.id)?.id ?? '');
  const [toId, setToId] = useState(live?.id ?? '');
  const [policy, setPolicy] = useState<'keep_instant' | 'from_entry'>('keep_instant');
  const [mapping, setMapping] = useState<Record<string, string | null> | undefined>(undefined);
  const [dry, setDry] = useState<DryRun | null>(null);
  const [busy, setBusy] = useState<'dry' | 'apply' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<MigrationProgress | null>(null);
  if (sorted.length < 2 || !live) return null;
  const base = `/api/scenarios/${scenarioId}/migrations`;
  const request = (m = mapping) => ({ fromVersionId: fromId, toVersionId: toId, policy, ...(m ? { mapping: m } : {}) });

  const runDry = async (m = mapping) => {
    setBusy('dry');
    setError(null);
    setProgress(null);
    const r = await post<DryRun>(`${base}/dry-run`, request(m));
    setBusy(null);
    if (!r.ok) return setError(r.message);
    setDry(r.data);
    setMapping(r.data.mapping);
  };
  const apply = async () => {
    if (!dry) return;
    setBusy('apply');
    setError(null);
    const r = await post<MigrationProgress>(base, { ...request(), fingerprint: dry.fingerprint });
    setBusy(null);
    if (r.ok) return setProgress(r.data);
    setError(r.code === 'conflict:stale_dry_run' ? t(lang, 'migration.stale') : r.message);
    if (r.code === 'conflict:stale_dry_run') await runDry();
  };
  const downloadCsv = async () => {
    const res = await fetch(`${base}/dry-run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...request(), format: 'csv' }),
    });
    if (!res.ok) return setError(res.statusText);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `kizuna-migration.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const reset = () => {
    setDry(null);
    setMapping(undefined);
    setProgress(null);
  };

  if (!open)
    return (
      <button
        type="button"
        className="rounded border border-slate-300 px-3 py-1 text-sm"
        onClick={() => setOpen(true)}
        data-testid="migration-open"
      >
        {t(lang, 'migration.open')}
      </button>
    );
  const select = 'rounded border border-slate-300 px-2 py-1 text-sm';
  const versionSelect = (value: string, set: (id: string) => void, testId: string) => (
    <select
      className={select}
      value={value}
      data-testid={testId}
      onChange={(e) => {
        set(e.target.value);
        reset();
      }}
    >
      {sorted.map((v) => (
        <option key={v.id} value={v.id}>
          v{v.version}
        </option>
      ))}
    </select>
  );
  return (
    <div
      className="fixed inset-0 z-50 flex items-start justify-center overflow-auto bg-black/30 p-6"
      role="dialog"
      aria-modal="true"
      aria-labelledby="migration-title"
    >
      <div className="w-full max-w-4xl rounded-lg bg-white p-5 shadow-xl" data-testid="migration-dialog">
        <h2 id="migration-title" className="text-lg font-bold">
          {t(lang, 'migration.title')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t(lang, 'migration.intro')}</p>
        <div className="mt-4 flex flex-wrap items-center gap-3 text-sm">
          <label className="flex items-center gap-1">
            {t(lang, 'migration.from')} {versionSelect(fromId, setFromId, 'migration-from')}
          </label>
          <span>→</span>
          <label className="flex items-center gap-1">
            {t(lang, 'migration.to')} {versionSelect(toId, setToId, 'migration-to')}
          </label>
          <label className="flex items-center gap-1">
            {t(lang, 'migration.policy')}
            <select
              className={select}
              value={policy}
              data-testid="migration-policy"
              onChange={(e) => {
                setPolicy(e.target.value === 'from_entry' ? 'from_entry' : 'keep_instant');
                setDry(null);
              }}
            >
              <option value="keep_instant">{t(lang, 'migration.policy.keep_instant')}</option>
              <option value="from_entry">{t(lang, 'migration.policy.from_entry')}</option>
            </select>
          </label>
          <button
            type="button"
            className="rounded bg-slate-800 px-3 py-1 text-white"
            disabled={busy !== null || fromId === toId}
            onClick={() => void runDry()}
            data-testid="migration-dry-run"
          >
            {busy === 'dry' ? t(lang, 'migration.dryRunning') : t(lang, 'migration.dryRun')}
          </button>
        </div>
        {error ? (
          <p className="mt-3 rounded bg-red-50 p-2 text-sm text-red-800" role="alert">
            {t(lang, 'migration.errorTitle')}: {error}
          </p>
        ) : null}
        {dry ? <DryRunView lang={lang} dry={dry} onMapping={(m) => void runDry(m)} /> : null}
        {progress ? (
          <p className="mt-3 rounded bg-emerald-50 p-2 text-sm text-emerald-900" role="status" data-testid="migration-progress">
            {fill(lang, 'migration.progress', {
              moved: progress.moved,
              signalled: progress.signalled,
              pending: progress.pending,
              skipped: progress.skipped,
            })}
          </p>
        ) : null}
        <div className="mt-4 flex justify-end gap-2">
          {dry && dry.friends.length > 0 ? (
            <button
              type="button"
              className="rounded border border-slate-300 px-3 py-1 text-sm"
              onClick={() => void downloadCsv()}
              data-testid="migration-csv"
            >
              {t(lang, 'migration.csv')}
            </button>
          ) : null}
          {dry && dry.moving > 0 && dry.issues.length === 0 && !progress ? (
            <button
              type="button"
              className="rounded bg-emerald-700 px-3 py-1 text-sm text-white"
              disabled={busy !== null}
              onClick={() => void apply()}
              data-testid="migration-apply"
            >
              {busy === 'apply' ? t(lang, 'migration.applying') : fill(lang, 'migration.apply', { n: dry.moving })}
            </button>
          ) : null}
          <button type="button" className="rounded border border-slate-300 px-3 py-1 text-sm" onClick={() => setOpen(false)}>
            {t(lang, 'migration.close')}
          </button>
        </div>
      </div>
    </div>
  );
}

function DryRunView(props: { lang: Lang; dry: DryRun; onMapping: (m: Record<string, string | null>) => void }) {
  const { lang, dry } = props;
  const warn = (code: string) => t(lang, `migration.warning.${code}` as MessageKey);
  const label = (steps: DryRun['steps']['from'], id: string | null) => {
    if (id === null) return t(lang, 'migration.stay');
    const s = steps.find((x) => x.id === id);
    return s ? `${id}（${kindLabel(s.kind, lang)}）` : id;
  };
  return (
    <div className="mt-4 text-sm" data-testid="migration-dry">
      {dry.issues.length > 0 ? (
        <ul className="mb-3 rounded bg-red-50 p-2 text-red-800" role="alert" data-testid="migration-issues">
          {dry.issues.map((i) => (
            <li key={`${i.sourceNodeId}:${i.code}`}>{lang === 'ja' ? i.messageJa : i.message}</li>
          ))}
        </ul>
      ) : null}
      <h3 className="font-semibold">{t(lang, 'migration.mapping')}</h3>
      <table className="mt-1 w-full border-collapse">
        <thead>
          <tr className="border-b text-left text-slate-500">
            <th className="py-1">{t(lang, 'migration.col.source')}</th>
            <th>{t(lang, 'migration.col.target')}</th>
            <th>{t(lang, 'migration.col.moving')}</th>
            <th>{t(lang, 'migration.col.staying')}</th>
            <th>{t(lang, 'migration.col.warnings')}</th>
          </tr>
        </thead>
        <tbody>
          {dry.steps.from.map((s) => {
            const g = dry.groups.find((x) => x.sourceNodeId === s.id);
            return (
              <tr key={s.id} className="border-b" data-testid={`migration-group-${s.id}`}>
                <td className="py-1">{label(dry.steps.from, s.id)}</td>
                <td>
                  <select
                    className="rounded border border-slate-300 px-1"
                    value={dry.mapping[s.id] ?? ''}
                    onChange={(e) => props.onMapping({ ...dry.mapping, [s.id]: e.target.value === '' ? null : e.target.value })}
                    data-testid={`migration-map-${s.id}`}
                  >
                    <option value="">{t(lang, 'migration.stay')}</option>
                    {dry.steps.to.map((x) => (
                      <option key={x.id} value={x.id}>
                        {label(dry.steps.to, x.id)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{g?.moving ?? 0}</td>
                <td>{g?.staying ?? 0}</td>
                <td className="text-amber-800">
                  {Object.entries(g?.warnings ?? {})
                    .map(([code, n]) => `${warn(code)} ${n}`)
                    .join('、')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mt-3" data-testid="migration-summary">
        {dry.total === 0 ? t(lang, 'migration.none') : fill(lang, 'migration.summary', { total: dry.total, moving: dry.moving })}
      </p>
      {dry.friends.length > 0 ? (
        <table className="mt-2 w-full border-collapse text-xs">
          <thead>
            <tr className="border-b text-left text-slate-500">
              <th className="py-1">{t(lang, 'migration.col.friend')}</th>
              <th>{t(lang, 'migration.col.target')}</th>
              <th>{t(lang, 'migration.col.due')}</th>
              <th>{t(lang, 'migration.col.next')}</th>
              <th>{t(lang, 'migration.col.warnings')}</th>
            </tr>
          </thead>
          <tbody>
            {dry.friends.slice(0, SHOWN_FRIENDS).map((f) => {
              const first = f.next?.messages[0];
              const text = first && 'text' in first && typeof first.text === 'string' ? first.text : (first?.type ?? '');
              return (
                <tr key={f.runId} className="border-b">
                  <td className="py-1">{f.displayName}</td>
                  <td>{label(dry.steps.to, f.targetNodeId)}</td>
                  <td>{when(f.dueAt, dry.timeZone)}</td>
                  <td>{f.next ? `${when(f.next.at, dry.timeZone)} ${text}` : t(lang, 'migration.noNext')}</td>
                  <td className="text-amber-800">
                    {f.warnings
                      .map((w) => (w.until === undefined ? warn(w.code) : `${warn(w.code)}（→ ${when(w.until, dry.timeZone)}）`))
                      .join('、')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {dry.friends.length > SHOWN_FRIENDS ? (
        <p className="mt-1 text-xs text-slate-500">{fill(lang, 'migration.moreFriends', { n: dry.friends.length - SHOWN_FRIENDS })}</p>
      ) : null}
    </div>
  );
}
