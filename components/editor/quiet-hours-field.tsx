'use client';
// Quiet hours in scenario settings: follow the account default (what new scenarios do), this scenario's own window, or none.
import { useT } from './editor-context';
import { Field, Select, TextInput } from './inspector/fields';
import { useQuietHours } from './use-quiet-hours';

export function QuietHoursField() {
  const t = useT();
  const { mode, account, accountWindow, own, setMode, setOwn } = useQuietHours();
  return (
    <div className="space-y-2" data-testid="settings-quiet">
      <Field label={t('timing.quiet.mode')} hint={t('timing.quiet.hint')}>
        <Select
          value={mode}
          testId="settings-quiet-mode"
          options={[
            {
              value: 'account',
              label: account.enabled ? t('timing.quiet.account').replace('{window}', accountWindow) : t('timing.quiet.accountOff'),
            },
            { value: 'custom', label: t('timing.quiet.custom') },
            { value: 'off', label: t('timing.quiet.off') },
          ]}
          onChange={setMode}
        />
      </Field>
      {own && (
        <div className="grid grid-cols-2 gap-2 pl-5">
          <TextInput type="time" value={own.start} testId="settings-quiet-start" onChange={(start) => setOwn({ start })} />
          <TextInput type="time" value={own.end} testId="settings-quiet-end" onChange={(end) => setOwn({ end })} />
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
