'use client';
// "New scenario": creates a draft holding a friend-added trigger and opens it in the editor.
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { api } from './api';

export function NewScenarioButton({ lang }: { lang: Lang }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Disabled until hydrated: a click on the server's HTML would do nothing.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <div className="flex items-center gap-2">
      {error && <span className="text-sm text-rose-700">{error}</span>}
      <button
        type="button"
        data-testid="new-scenario"
        disabled={busy || !ready}
        className="rounded-md bg-line px-4 py-2 text-sm font-semibold text-white hover:bg-line-dark disabled:opacity-50"
        onClick={async () => {
          setBusy(true);
          const r = await api.createScenario(t(lang, 'scenarios.untitled'));
          if (r.ok) router.push(`/scenarios/${r.data.id}`);
          else {
            setError(r.error.message);
            setBusy(false);
          }
        }}
      >
        + {t(lang, 'scenarios.new')}
      </button>
    </div>
  );
}
