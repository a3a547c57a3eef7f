'use client';
// The account's quiet-hours default (配信停止時間): on/off and the window new scenarios follow; read-only without `settings:manage`.
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { AccountQuietHours } from '@/scenario/quiet-hours';
import type { ActionResult } from '@/lib/ui-types';

const field = 'rounded-md border border-slate-300 px-2 py-1 text-sm disabled:bg-slate-50';

function TimeField(props: { label: string; value: string; disabled: boolean; testId: string; onChange: (v: string) => void }) {
  return (
    <label className="flex flex-col gap-1 text-xs text-slate-500">
      {props.label}
      <input
        type="time"
        className={field}
        value={props.value}
        disabled={props.disabled}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

export function QuietHoursDefault({
  lang,
  value,
  saveQuietHoursAction,
}: {
  lang: Lang;
  value: AccountQuietHours;
  /** Passed only to operators who may change account settings. */
  saveQuietHoursAction?: (input: AccountQuietHours) => Promise<ActionResult>;
}) {
  const [draft, setDraft] = useState(value);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const readOnly = !saveQuietHoursAction;
  const sameTimes = draft.enabled && draft.start === draft.end;
  const save = () =>
    start(async () => {
      if (!saveQuietHoursAction) return;
      const r = await saveQuietHoursAction(draft);
      setMessage(r.ok ? { ok: true, text: t(lang, 'timing.settings.saved') } : { ok: false, text: r.error.message });
    });
  return (
    <section id="quiet-hours" className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5" data-testid="quiet-hours-default">
      <h2 className="mb-1 text-lg font-semibold">{t(lang, 'timing.settings.title')}</h2>
      <p className="mb-3 text-sm text-slate-500">{t(lang, 'timing.settings.help')}</p>
      <fieldset disabled={readOnly || pending} className="flex flex-wrap items-end gap-4">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={draft.enabled}
            data-testid="quiet-default-enabled"
            onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
          />
          {t(lang, 'timing.settings.enabled')}
        </label>
        <TimeField
          label={t(lang, 'timing.settings.start')}
          value={draft.start}
          disabled={!draft.enabled}
          testId="quiet-default-start"
          onChange={(start) => setDraft({ ...draft, start })}
        />
        <TimeField
          label={t(lang, 'timing.settings.end')}
          value={draft.end}
          disabled={!draft.enabled}
          testId="quiet-default-end"
          onChange={(end) => setDraft({ ...draft, end })}
        />
        {readOnly ? null : (
          <button
            type="button"
            onClick={save}
            disabled={sameTimes}
            className="rounded-md bg-line px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
            data-testid="quiet-default-save"
          >
            {t(lang, 'timing.settings.save')}
          </button>
        )}
      </fieldset>
      {sameTimes ? <p className="mt-2 text-xs text-rose-700">{t(lang, 'timing.settings.sameTimes')}</p> : null}
      {readOnly ? <p className="mt-2 text-xs text-slate-400">{t(lang, 'timing.settings.ownersOnly')}</p> : null}
      {message ? (
        <p className={`mt-2 text-xs ${message.ok ? 'text-green-700' : 'text-rose-700'}`} role="status">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
