'use client';
// Re-renders the page from the server every few seconds while a broadcast is moving (its figures come from there).
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { RefreshCw } from 'lucide-react';
import { t, type Lang } from '@/lib/i18n/dictionary';

export function AutoRefresh({ lang, everyMs = 3000 }: { lang: Lang; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const id = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(id);
  }, [router, everyMs]);
  return (
    <span className="inline-flex items-center gap-1 text-xs text-slate-500" data-testid="auto-refresh">
      <RefreshCw className="h-3 w-3 animate-spin [animation-duration:3s]" aria-hidden />
      {t(lang, 'broadcasts.progress.refreshing')}
    </span>
  );
}
