'use client';
// 設定 → チャットの対応中: whether 対応中 in the inbox holds a friend's automated scenario sends. Changed by owners
// (`settings:manage`), shown read-only to others.
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';

type Save = (input: unknown) => Promise<{ ok: true } | { ok: false; error: { message: string } }>;

export function ChatHoldSetting({
  lang,
  value,
  saveChatHoldSettingAction,
}: {
  lang: Lang;
  value: boolean;
  saveChatHoldSettingAction?: Save;
}) {
  const [on, setOn] = useState(value);
  const [note, setNote] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="chat-hold-setting">
      <h2 className="mb-2 font-semibold">{t(lang, 'settings.chatHold.title')}</h2>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={on}
          disabled={!saveChatHoldSettingAction || pending}
          onChange={(e) => {
            const next = e.target.checked;
            setOn(next);
            start(async () => {
              const r = await saveChatHoldSettingAction!({ on: next });
              setNote(r.ok ? t(lang, 'settings.chatHold.saved') : r.error.message);
              if (!r.ok) setOn(!next);
            });
          }}
        />
        {t(lang, 'settings.chatHold.label')}
      </label>
      <p className="mt-1 text-xs text-slate-500">{t(lang, 'settings.chatHold.help')}</p>
      {note ? (
        <p className="mt-1 text-xs text-slate-600" role="status">
          {note}
        </p>
      ) : null}
    </section>
  );
}
