'use client';
// The quiet-hours choice shared by scenario settings and the broadcast composer: follow the account default, a window
// of its own, or none; kept in the draft's settings, so publishing pins the window into the version.
import type { ScenarioSettings } from '@/scenario/schema';
import { useEditor } from './editor-context';

export type QuietHoursMode = 'account' | 'custom' | 'off';

function modeOf(q: ScenarioSettings['quietHours']): QuietHoursMode {
  if (q === undefined) return 'off';
  return q === 'account' ? 'account' : 'custom';
}

export function useQuietHours() {
  const settings = useEditor((s) => s.settings);
  const account = useEditor((s) => s.accountQuietHours);
  const update = useEditor((s) => s.updateSettings);
  const q = settings.quietHours;
  const own = q !== undefined && q !== 'account' ? q : null;
  return {
    mode: modeOf(q),
    account,
    /** The account's window as "21:00–09:00", for the option that follows it. */
    accountWindow: `${account.start}–${account.end}`,
    /** This draft's own window, when it has one. */
    own,
    setMode(m: QuietHoursMode) {
      const { quietHours: _old, ...rest } = settings;
      if (m === 'off') return update(rest);
      // An override starts from the account's window, so switching shows the times the draft obeyed until now.
      update({ ...rest, quietHours: m === 'account' ? 'account' : { start: account.start, end: account.end } });
    },
    setOwn(patch: { start?: string; end?: string }) {
      if (own) update({ ...settings, quietHours: { ...own, ...patch } });
    },
  };
}
