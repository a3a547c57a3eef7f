'use client';
// The editor's 予測 tab: the draft's next 30 days from history (saved first), as ranges, a chart, the overlay on the canvas
// and the comparison with the account's LINE plan.
import { useState } from 'react';
import type { ForecastView } from '@/lib/forecast/view';
import { api } from '../api';
import { useEditor, useEditorStore } from '../editor-context';
import { ForecastChart } from './forecast-chart';
import { count, fill, rangeText } from './format';
import { QuotaWarning } from './quota-warning';

export function ForecastPanel({ scenarioId, flush }: { scenarioId: string; flush: () => Promise<boolean> }) {
  const lang = useEditor((s) => s.lang);
  const overlay = useEditor((s) => s.forecast !== null);
  const store = useEditorStore();
  const [view, setView] = useState<ForecastView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const show = (v: ForecastView | null, on: boolean) =>
    store.getState().setForecast(on && v ? new Map(Object.entries(v.forecast.perNode).map(([id, n]) => [id, n.total])) : null);

  const run = async () => {
    setBusy(true);
    setError(null);
    // The forecast is of the saved draft: what is on the canvas is saved first.
    await flush();
    const r = await api.forecast(scenarioId);
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setView(r.data);
    show(r.data, true);
  };

  const f = view?.forecast;
  const level = Math.round((f?.level ?? 0.9) * 100);
  return (
    <div className="space-y-4 p-4" data-testid="forecast-panel">
      <h2 className="font-semibold">{fill(lang, 'forecast.title', {})}</h2>
      <p className="text-xs text-slate-600">{fill(lang, 'forecast.intro', { level })}</p>
      <button
        type="button"
        onClick={() => void run()}
        disabled={busy}
        data-testid="forecast-run"
        className="rounded-md bg-violet-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-violet-800 disabled:opacity-50"
      >
        {busy ? fill(lang, 'forecast.running', {}) : fill(lang, view ? 'forecast.again' : 'forecast.run', {})}
      </button>
      {error && (
        <p className="text-sm text-rose-700" role="alert">
          {fill(lang, 'forecast.failed', { message: error })}
        </p>
      )}
      {view && f && (
        <>
          <section className="space-y-1" data-testid="forecast-total">
            <h3 className="text-xs font-bold uppercase text-slate-500">{fill(lang, 'forecast.total', {})}</h3>
            <p className="text-lg font-semibold tabular-nums text-violet-900">{rangeText(lang, f.total)}</p>
            <p className="text-xs text-slate-500">
              {fill(lang, 'forecast.basis', {
                days: view.basis.windowDays,
                entries: count(view.basis.observedEntries, lang),
                perDay: fill(lang, 'forecast.rangeShort', {
                  low: count(f.entriesPerDay.low, lang),
                  high: count(f.entriesPerDay.high, lang),
                }),
                inFlight: count(view.basis.inFlight, lang),
                sample: count(f.sampleSize, lang),
              })}
            </p>
          </section>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={overlay} onChange={(e) => show(view, e.target.checked)} data-testid="forecast-overlay" />
            {fill(lang, 'forecast.overlay', {})}
          </label>
          {overlay && <p className="-mt-3 text-xs text-slate-500">{fill(lang, 'forecast.overlayHint', {})}</p>}
          <ForecastChart forecast={f} lang={lang} />
          <div>
            <h3 className="mb-1 text-xs font-bold uppercase text-slate-500">{fill(lang, 'quota.title', {})}</h3>
            <QuotaWarning quota={view.quota} lang={lang} />
          </div>
          <p className="text-xs text-slate-500">{fill(lang, 'forecast.honest', {})}</p>
        </>
      )}
    </div>
  );
}
