'use client';
// When the broadcast goes: now, or a date and time in Japan time. Says at once when that time has passed or falls in
// the quiet hours (the server refuses a past time anyway; quiet hours only hold the messages).
import { useEffect, useState } from 'react';
import { useEditor } from '@/components/editor/editor-context';
import { formatInstant } from '@/lib/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { localInstant, type Schedule } from '@/scenario/broadcast-draft';
import { resolveQuietHours } from '@/scenario/quiet-hours';
import { inQuietHours, localDateTimeIsValid, quietHoursRelease } from '@/scenario/time';

const ZONE = 'Asia/Tokyo';

export function ScheduleField({
  lang,
  schedule,
  suggestedAt,
  serverNow,
  onChange,
}: {
  lang: Lang;
  schedule: Schedule;
  /** Where the date-time box starts when "at a time" is chosen (the next full hour, from the server). */
  suggestedAt: string;
  /** The server's clock when the page was made: the first render matches the server's HTML. */
  serverNow: number;
  onChange: (s: Schedule) => void;
}) {
  const settings = useEditor((s) => s.settings);
  const account = useEditor((s) => s.accountQuietHours);
  const quiet = resolveQuietHours(settings.quietHours, account);
  const typed = schedule.mode === 'at' && localDateTimeIsValid(schedule.at, ZONE) ? localInstant(schedule.at, ZONE) : null;
  // The browser's clock only words a hint here; the server's decides.
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(id);
  }, []);
  const at = schedule.mode === 'now' ? now : typed;
  const held = quiet && at !== null && inQuietHours(at, quiet, ZONE) ? formatInstant(quietHoursRelease(at, quiet, ZONE), lang) : null;
  const radio = 'flex items-center gap-2 text-sm';
  return (
    <div className="space-y-2" role="radiogroup" aria-label={t(lang, 'broadcasts.step.when')}>
      <label className={radio}>
        <input
          type="radio"
          name="when"
          className="accent-line"
          checked={schedule.mode === 'now'}
          onChange={() => onChange({ mode: 'now' })}
          data-testid="broadcast-when-now"
        />
        {t(lang, 'broadcasts.when.now')}
      </label>
      <label className={radio}>
        <input
          type="radio"
          name="when"
          className="accent-line"
          checked={schedule.mode === 'at'}
          onChange={() => onChange({ mode: 'at', at: suggestedAt })}
          data-testid="broadcast-when-at"
        />
        {t(lang, 'broadcasts.when.at')}
      </label>
      {schedule.mode === 'at' ? (
        <input
          type="datetime-local"
          value={schedule.at}
          onChange={(e) => onChange({ mode: 'at', at: e.target.value })}
          className="ml-6 rounded-md border border-slate-300 px-2 py-1 text-sm"
          data-testid="broadcast-at"
        />
      ) : null}
      {typed !== null && typed <= now ? <p className="ml-6 text-xs text-rose-700">{t(lang, 'broadcasts.when.past')}</p> : null}
      {held && quiet ? (
        <p className="text-xs text-amber-700" data-testid="broadcast-quiet-warning">
          {t(lang, 'broadcasts.quiet.held').replace('{window}', `${quiet.start}–${quiet.end}`).replace('{until}', held)}
        </p>
      ) : null}
    </div>
  );
}
