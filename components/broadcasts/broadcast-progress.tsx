// How far a broadcast got, in friends: audience entered, sent, held (quiet hours or a paused channel), failed, not sent
// (blocked or cancelled) and still waiting, with a bar; before its time, when it goes and how many match now.
import { formatInstant } from '@/lib/format';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import type { BroadcastView } from '@/lib/ui-types';
import { inQuietHours, quietHoursRelease } from '@/scenario/time';

function Figure({ label, n, hint, tone, testId }: { label: string; n: number; hint?: string; tone?: string; testId: string }) {
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2" data-testid={testId} data-value={n}>
      <div className="text-xs text-slate-500">{label}</div>
      <div className={`text-2xl font-bold tabular-nums ${tone ?? 'text-slate-900'}`}>{n.toLocaleString()}</div>
      {hint ? <div className="text-[11px] leading-tight text-slate-500">{hint}</div> : null}
    </div>
  );
}

export function BroadcastProgress({ lang, view, audienceNow }: { lang: Lang; view: BroadcastView; audienceNow: number | null }) {
  const f = view.figures;
  const w = (key: MessageKey) => t(lang, key);
  if (view.state === 'scheduled' && view.at !== null) {
    const held = view.quiet && inQuietHours(view.at, view.quiet, view.timeZone);
    return (
      <div className="space-y-1 rounded-md bg-sky-50 p-3 text-sm text-sky-900" data-testid="broadcast-progress-note">
        <p>
          {w('broadcasts.progress.scheduled')
            .replace('{at}', formatInstant(view.at, lang, view.timeZone))
            .replace('{n}', audienceNow === null ? '—' : audienceNow.toLocaleString())}
        </p>
        {held && view.quiet ? (
          <p className="text-amber-800">
            {w('broadcasts.quiet.held')
              .replace('{window}', `${view.quiet.start}–${view.quiet.end}`)
              .replace('{until}', formatInstant(quietHoursRelease(view.at, view.quiet, view.timeZone), lang, view.timeZone))}
          </p>
        ) : null}
      </div>
    );
  }
  // Still going and not held: their send is next (a canvas-drawn broadcast may end some friends without a send).
  const waiting = Math.max(0, f.active - f.held);
  const pct = f.entered === 0 ? 0 : Math.round(((f.entered - f.active) / f.entered) * 100);
  const note =
    view.state === 'cancelled'
      ? w(f.entered === 0 ? 'broadcasts.progress.cancelledBefore' : 'broadcasts.progress.cancelledDuring')
      : view.state === 'sending' && f.entered === 0
        ? w('broadcasts.progress.starting')
        : null;
  return (
    <div className="space-y-3" data-testid="broadcast-progress">
      {note ? <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">{note}</p> : null}
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
        <Figure label={w('broadcasts.progress.entered')} n={f.entered} testId="figure-entered" />
        <Figure label={w('broadcasts.progress.sent')} n={f.sent} tone={f.sent > 0 ? 'text-green-700' : undefined} testId="figure-sent" />
        <Figure
          label={w('broadcasts.progress.held')}
          n={f.held}
          hint={w('broadcasts.progress.heldHint')}
          tone={f.held > 0 ? 'text-amber-700' : undefined}
          testId="figure-held"
        />
        <Figure
          label={w('broadcasts.progress.failed')}
          n={f.failed}
          tone={f.failed > 0 ? 'text-rose-700' : undefined}
          testId="figure-failed"
        />
        <Figure
          label={w('broadcasts.progress.skipped')}
          n={f.skipped}
          hint={w('broadcasts.progress.skippedHint')}
          testId="figure-skipped"
        />
        <Figure label={w('broadcasts.progress.waiting')} n={waiting} testId="figure-waiting" />
      </div>
      <div
        className="h-2 overflow-hidden rounded-full bg-slate-100"
        role="progressbar"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div className="h-full bg-line" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
