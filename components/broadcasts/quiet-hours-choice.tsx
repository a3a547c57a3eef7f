'use client';
// The broadcast's quiet hours: the same choice as a scenario's (account default, a window of its own, or none).
import { Select, TextInput } from '@/components/editor/inspector/fields';
import { useQuietHours } from '@/components/editor/use-quiet-hours';
import { t, type Lang } from '@/lib/i18n/dictionary';

export function QuietHoursChoice({ lang }: { lang: Lang }) {
  const { mode, account, accountWindow, own, setMode, setOwn } = useQuietHours();
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
                ? t(lang, 'broadcasts.quiet.account').replace('{window}', accountWindow)
                : t(lang, 'broadcasts.quiet.accountOff'),
            },
            { value: 'custom', label: t(lang, 'broadcasts.quiet.custom') },
            { value: 'off', label: t(lang, 'broadcasts.quiet.off') },
          ]}
          onChange={setMode}
        />
      </div>
      {own ? (
        <div className="grid max-w-xs grid-cols-2 gap-2">
          <TextInput type="time" value={own.start} testId="broadcast-quiet-start" onChange={(start) => setOwn({ start })} />
          <TextInput type="time" value={own.end} testId="broadcast-quiet-end" onChange={(end) => setOwn({ end })} />
        </div>
      ) : null}
      <p className="text-xs text-slate-500">{t(lang, 'broadcasts.quiet.hint')}</p>
    </div>
  );
}
