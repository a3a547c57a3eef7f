'use client';
// Quiet hours in scenario settings: follow the account default (what new scenarios do), this scenario's own window, or none.
import type { ScenarioSettings } from '@/scenario/schema';
import { useEditor, useT } from './editor-context';
import { Field, Select, TextInput } from './inspector/fields';

type Mode = 'account' | 'custom' | 'off';

function modeOf(q: ScenarioSettings['quietHours']): Mode {
  if (q === undefined) return 'off';
  return q === 'account' ? 'account' : 'custom';
}

export function QuietHoursField() {
  const t = useT();
  const settings = useEditor((s) => s.settings);
  const account = useEditor((s) => s.accountQuietHours);
  const update = useEditor((s) => s.updateSettings);
  const q = settings.quietHours;
  const mode = modeOf(q);
  const setMode = (m: Mode) => {
    const { quietHours: _old, ...rest } = settings;
    if (m === 'off') return update(rest);
    // An override starts from the account's window, so switching shows the times the scenario obeyed until now.
    update({ ...rest, quietHours: m === 'account' ? 'account' : { start: account.start, end: account.end } });
  };
  const window = `${account.start}–${account.end}`;
  return (
    <div className="space-y-2" data-testid="settings-quiet">
      <Field label={t('timing.quiet.mode')} hint={t('timing.quiet.hint')}>
        <Select
          value={mode}
          testId="settings-quiet-mode"
          options={[
            {
              value: 'account',
              label: account.enabled ? t('timing.quiet.account').replace('{window}', window) : t('timing.quiet.accountOff'),
            },
            { value: 'custom', label: t('timing.quiet.custom') },
            { value: 'off', label: t('timing.quiet.off') },
          ]}
          onChange={setMode}
        />
      </Field>
      {q !== undefined && q !== 'account' && (
        <div className="grid grid-cols-2 gap-2 pl-5">
          <TextInput
            type="time"
            value={q.start}
            testId="settings-quiet-start"
            onChange={(start) => update({ ...settings, quietHours: { ...q, start } })}
          />
          <TextInput
            type="time"
            value={q.end}
            testId="settings-quiet-end"
            onChange={(end) => update({ ...settings, quietHours: { ...q, end } })}
          />
        </div>
      )}
      {mode === 'account' && (
        <a href="/settings#quiet-hours" className="block pl-1 text-xs text-line-dark hover:underline">
          {t('timing.quiet.accountLink')}
        </a>
      )}
    </div>
  );
}
