// Quiet hours (配信停止時間): a scenario's own window, or "follow the account default", resolved once when a version is compiled.
import { z } from 'zod';
import { HHmmSchema } from './primitives';
import type { Waiting } from './run-state';

/** A window in which sends are held, possibly across midnight (21:00–09:00), in the scenario's time zone. */
export const QuietWindowSchema = z.object({ start: HHmmSchema, end: HHmmSchema });
export type QuietWindow = z.infer<typeof QuietWindowSchema>;

/**
 * What a draft says about quiet hours: 'account' follows the account default (what new scenarios start with); a window
 * is the scenario's own override; absent means none (and is what scenarios made before the account default said).
 */
export const QuietHoursSettingSchema = z.union([z.literal('account'), QuietWindowSchema]);
export type QuietHoursSetting = z.infer<typeof QuietHoursSettingSchema>;

/** The account-level default, kept on the settings page: on, 21:00–09:00 unless an owner changes it. */
export const AccountQuietHoursSchema = z.object({ enabled: z.boolean(), start: HHmmSchema, end: HHmmSchema });
export type AccountQuietHours = z.infer<typeof AccountQuietHoursSchema>;
export const DEFAULT_ACCOUNT_QUIET_HOURS: AccountQuietHours = { enabled: true, start: '21:00', end: '09:00' };

/** The window a run obeys: the scenario's own, the account's (when on), or none. */
export function resolveQuietHours(setting: QuietHoursSetting | undefined, account: AccountQuietHours): QuietWindow | undefined {
  if (setting === undefined) return undefined;
  if (setting !== 'account') return setting;
  return account.enabled ? { start: account.start, end: account.end } : undefined;
}

/** Whether a run waits because quiet hours hold its send: a timer that runs its step again instead of leaving it. */
export function isQuietHold(w: Waiting | null | undefined): w is Extract<Waiting, { kind: 'timer' }> {
  return w?.kind === 'timer' && w.output === null;
}

/** 「21:00–09:00の配信停止時間のため 09:00 まで保留」 / "held for quiet hours 21:00–09:00 until 09:00". */
export function describeHold(q: QuietWindow, until: string, lang: 'ja' | 'en'): string {
  return lang === 'ja'
    ? `${q.start}–${q.end}の配信停止時間のため ${until} まで保留`
    : `held for quiet hours ${q.start}–${q.end} until ${until}`;
}
