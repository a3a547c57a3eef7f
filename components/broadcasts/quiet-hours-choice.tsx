'use client';
// The broadcast's quiet hours: follow the account default (as new scenarios do), a window of its own, or none; kept in
// the draft's settings like a scenario's, so publishing pins the window into the version.
import { useEditor } from '@/components/editor/editor-context';
import { Select, TextInput } from '@/components/editor/inspector/fields';
import { t, type Lang } from '@/lib/i18n/dictionary';

type Mode = 'account' | 'custom' | 'off';

export function QuietHoursChoice({ lang }: { lang: Lang }) {
  const settings = useEditor((s) => s.settings);
  const account = useEditor((s) => s.accountQuietHours);
  const update = useEditor((s) => s.updateSettings);
  const q = settings.quietHours;
  const mode: Mode = q === undefined ? 'off' : q === 'account' ? 'account' : 'custom';
  const setMode = (m: Mode) => {
    const { quietHours: _old, ...rest } = settings;
    if (m === 'off') return update(rest);
    update({ ...rest, quietHours: m === 'account' ? 'account' : { start: account.start, end: account.end } });
  };
  const window = `${account.start}–${account.end}`;
  return (
    <div className="space-y-2">
      <div className="max-w-md">
        <Select
          value={mode}
          testId="broadcast-quiet"
          options={[
            {
              value: 'account',
              label: account.enabled
                ? t(lang, 'broadcasts.quiet.account').replace('{window}', window)
                : t(lang, 'broadcasts.quiet.accountOff'),
            },
            { value: 'custom', label: t(lang, 'broadcasts.quiet.custom') },
            { value: 'off', label: t(lang, 'broadcasts.quiet.off') },
          ]}
          onChange={setMode}
        />
      </div>
      {q !== undefined && q !== 'account' ? (
        <div className="grid max-w-xs grid-cols-2 gap-2">
          <TextInput
            type="time"
            value={q.start}
            testId="broadcast-quiet-start"
            onChange={(start) => update({ ...settings, quietHours: { ...q, start } })}
          />
          <TextInput
            type="time"
            value={q.end}
            testId="broadcast-quiet-end"
            onChange={(end) => update({ ...settings, quietHours: { ...q, end } })}
          />
        </div>
      ) : null}
      <p className="text-xs text-slate-500">{t(lang, 'broadcasts.quiet.hint')}</p>
    </div>
  );
}
