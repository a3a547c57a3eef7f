// The settings that differ between two versions, each as one sentence in the reader's language
// (「1日の配信上限：なし → 1日2通まで（超えたら送らない）」). Pure: the compare view and its unit test share it.
import { z } from 'zod';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import { QuietHoursSettingSchema } from '@/scenario/quiet-hours';
import { zoneName } from '@/components/editor/zone-name';

const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k: string) => String(vars[k] ?? m));

const GoalSchema = z.object({ eventName: z.string(), windowDays: z.number(), exitOnGoal: z.boolean().default(true) });
const CapSchema = z.object({ maxSends: z.number(), mode: z.enum(['hold', 'skip']) });

const NAMES: Record<string, MessageKey> = {
  timeZone: 'editor.settings.timeZone',
  goal: 'editor.settings.goal',
  quietHours: 'editor.settings.quietHours',
  frequencyCap: 'editor.settings.frequencyCap',
};

/** One setting's value in words; absent is 「なし」. */
export function settingValue(lang: Lang, key: string, value: unknown): string {
  if (value === undefined || value === null) return t(lang, 'versions.value.none');
  switch (key) {
    case 'timeZone':
      return typeof value === 'string' ? zoneName(value, lang) : t(lang, 'versions.value.other');
    case 'quietHours': {
      const q = QuietHoursSettingSchema.safeParse(value);
      if (!q.success) break;
      return q.data === 'account' ? t(lang, 'versions.value.account') : fill(t(lang, 'versions.value.window'), q.data);
    }
    case 'goal': {
      const g = GoalSchema.safeParse(value);
      if (!g.success) break;
      return fill(t(lang, g.data.exitOnGoal ? 'versions.value.goalExit' : 'versions.value.goal'), {
        event: g.data.eventName,
        days: g.data.windowDays,
      });
    }
    case 'frequencyCap': {
      const c = CapSchema.safeParse(value);
      if (!c.success) break;
      const mode = t(lang, c.data.mode === 'hold' ? 'editor.settings.capHold' : 'editor.settings.capSkip');
      return fill(t(lang, 'versions.value.cap'), { n: c.data.maxSends, mode });
    }
  }
  return t(lang, 'versions.value.other');
}

/** A sentence per changed key (as diffGraphs() lists them), before → after. */
export function settingChanges(
  lang: Lang,
  keys: readonly string[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string[] {
  return keys.map((key) => {
    if (key === 'splitSalt') return t(lang, 'versions.change.splitSalt');
    return fill(t(lang, 'versions.change'), {
      setting: t(lang, NAMES[key] ?? 'editor.diff.otherSetting'),
      before: settingValue(lang, key, before[key]),
      after: settingValue(lang, key, after[key]),
    });
  });
}
