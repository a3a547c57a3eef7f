'use client';
// Runs a loader now and every `ms` while mounted (and when `key` changes); the newest answer wins.
import { useCallback, useEffect, useRef, useState } from 'react';

export function usePoll<T>(
  load: (() => Promise<T>) | null,
  ms: number,
  key: string,
): { data: T | null; error: string | null; refresh: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const refresh = useCallback(() => {
    const fn = loadRef.current;
    if (!fn) return;
    const mine = ++seq.current;
    fn().then(
      (d) => mine === seq.current && (setData(d), setError(null)),
      (e: unknown) => mine === seq.current && setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  useEffect(() => {
    setData(null);
    refresh();
    const id = setInterval(refresh, ms);
    return () => clearInterval(id);
  }, [key, ms, refresh]);
  return { data, error, refresh };
}
