// Draft autosave: debounced PUTs with the revision they build on, a local backup until the server has it, conflicts surfaced.
import { canonicalJson } from '@/scenario/hash';
import { DraftGraphSchema } from '@/scenario/draft';
import type { ScenarioGraph } from '@/scenario/schema';
import type { EditorStore } from './store';

const DEBOUNCE_MS = 700;
export const backupKey = (id: string) => `kizuna:draft:${id}`;

export type Backup = { baseRevision: number; graph: ScenarioGraph; name: string };

export function readBackup(id: string): Backup | null {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(backupKey(id)) ?? 'null');
    if (typeof raw !== 'object' || raw === null || !('baseRevision' in raw) || !('graph' in raw) || !('name' in raw)) return null;
    const graph = DraftGraphSchema.safeParse(raw.graph);
    if (!graph.success || typeof raw.baseRevision !== 'number' || typeof raw.name !== 'string') return null;
    return { baseRevision: raw.baseRevision, graph: graph.data, name: raw.name };
  } catch {
    return null;
  }
}

export const sameGraph = (a: ScenarioGraph, b: ScenarioGraph) => canonicalJson(a) === canonicalJson(b);

export function createAutosave(store: EditorStore, scenarioId: string) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: Promise<void> | null = null;
  const url = `/api/scenarios/${scenarioId}/draft`;

  const backup = () => {
    const s = store.getState();
    if (s.version === s.savedVersion) localStorage.removeItem(backupKey(scenarioId));
    else
      localStorage.setItem(
        backupKey(scenarioId),
        JSON.stringify({ baseRevision: s.revision, graph: s.graph(), name: s.name } satisfies Backup),
      );
  };

  const body = () => {
    const s = store.getState();
    return JSON.stringify({ graph: s.graph(), expectedRevision: s.revision, name: s.name.trim() || undefined });
  };

  const saveOnce = async () => {
    const s = store.getState();
    if (s.version === s.savedVersion || s.saveStatus === 'conflict') return;
    const version = s.version;
    s.setSaveStatus('saving');
    backup();
    try {
      const res = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: body() });
      const json: unknown = await res.json().catch(() => null);
      const err = typeof json === 'object' && json !== null && 'error' in json ? (json.error as { message?: string }) : null;
      if (res.ok && typeof json === 'object' && json !== null && 'revision' in json && typeof json.revision === 'number') {
        store.getState().markSaved(json.revision, version);
        backup();
      } else if (res.status === 409) store.getState().setSaveStatus('conflict', err?.message ?? null);
      else store.getState().setSaveStatus('error', err?.message ?? `HTTP ${res.status}`);
    } catch (e) {
      store.getState().setSaveStatus('error', e instanceof Error ? e.message : String(e));
    }
  };

  /** Saves now (waiting for a save already under way first); resolves true when the server holds the latest edit. */
  const flush = async (): Promise<boolean> => {
    clearTimeout(timer);
    while (inflight) await inflight;
    inflight = saveOnce().finally(() => {
      inflight = null;
    });
    await inflight;
    const s = store.getState();
    return s.version === s.savedVersion;
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      void flush().then(() => {
        const s = store.getState();
        if (s.version !== s.savedVersion && s.saveStatus === 'pending') schedule();
      });
    }, DEBOUNCE_MS);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.version !== prev.version && s.version !== s.savedVersion) schedule();
  });

  // Leaving with edits unsaved: keep a local copy (restored on the next visit) and try one last save.
  const onHide = () => {
    const s = store.getState();
    if (s.version === s.savedVersion) return;
    backup();
    if (s.saveStatus !== 'conflict')
      void fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: body(), keepalive: true }).catch(() => {});
  };
  window.addEventListener('pagehide', onHide);

  return {
    flush,
    dispose() {
      clearTimeout(timer);
      unsubscribe();
      window.removeEventListener('pagehide', onHide);
    },
  };
}
export type Autosave = ReturnType<typeof createAutosave>;
