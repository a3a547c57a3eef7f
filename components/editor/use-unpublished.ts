'use client';
// Whether the draft being edited differs from the live version (the toolbar's 「未公開の変更あり」), by content hash:
// recomputed after each change worth saving, deferred so typing and dragging never wait for it.
import { useDeferredValue, useMemo } from 'react';
import { graphContentHash } from '@/scenario/content-hash';
import type { ScenarioGraph } from '@/scenario/schema';
import { useEditor } from './editor-context';

export function useUnpublished(liveGraph: ScenarioGraph | null): boolean {
  const version = useDeferredValue(useEditor((s) => s.version));
  const graph = useEditor((s) => s.graph);
  const liveHash = useMemo(() => (liveGraph ? graphContentHash(liveGraph) : null), [liveGraph]);
  // `version` bumps on every content change; `graph()` reads the store as it is now.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => liveHash !== null && graphContentHash(graph()) !== liveHash, [liveHash, graph, version]);
}
