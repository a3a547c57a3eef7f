'use client';
// The last look before a broadcast goes: how many friends (as counted now) and when, with the way back.
import { t, type Lang } from '@/lib/i18n/dictionary';
import { formatInstant } from '@/lib/format';
import { localInstant, type Schedule } from '@/scenario/broadcast-draft';
import { localDateTimeIsValid } from '@/scenario/time';

export function ConfirmPublish({
  lang,
  schedule,
  count,
  pending,
  onGo,
  onBack,
}: {
  lang: Lang;
  schedule: Schedule;
  count: number | null;
  pending: boolean;
  onGo: () => void;
  onBack: () => void;
}) {
  const n = count === null ? '…' : count.toLocaleString();
  const at =
    schedule.mode === 'at' && localDateTimeIsValid(schedule.at, 'Asia/Tokyo')
      ? formatInstant(localInstant(schedule.at, 'Asia/Tokyo'), lang)
      : schedule.mode === 'at'
        ? schedule.at
        : null;
  const text = at === null ? t(lang, 'broadcasts.confirm.now') : t(lang, 'broadcasts.confirm.at').replace('{at}', at);
  return (
    <div
      role="dialog"
      aria-label={t(lang, 'broadcasts.confirm.title')}
      className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4"
      data-testid="broadcast-confirm"
    >
      <h2 className="text-sm font-bold text-slate-800">{t(lang, 'broadcasts.confirm.title')}</h2>
      <p className="text-sm text-slate-800">{text.replace('{n}', n)}</p>
      <div className="flex gap-3">
        <button
          type="button"
          disabled={pending}
          data-testid="broadcast-confirm-go"
          onClick={onGo}
          className="rounded-md bg-line px-4 py-2 text-sm font-medium text-white hover:bg-line-dark disabled:opacity-50"
        >
          {t(lang, 'broadcasts.confirm.go')}
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={onBack}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50"
        >
          {t(lang, 'broadcasts.confirm.cancel')}
        </button>
      </div>
    </div>
  );
}
