'use client';
// The phone's note for messages quiet hours hold: what a friend added at 23:16 would otherwise see is an empty chat.
import { formatInstant } from '@/lib/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult, HeldSend } from '@/lib/ui-types';
import { usePoll } from './use-poll';

/** The server action the page passes in: the sends held for a sandbox friend. */
export type HeldSendsLookup = (lineUserId: string) => Promise<ActionResult<{ held: HeldSend[] }>>;

export function HeldNote({ lang, lineUserId, heldSendsAction }: { lang: Lang; lineUserId: string; heldSendsAction: HeldSendsLookup }) {
  const held = usePoll(() => heldSendsAction(lineUserId).then((r) => (r.ok ? r.held : [])), 3000, lineUserId);
  const list = held.data ?? [];
  if (list.length === 0) return null;
  return (
    <>
      {list.map((h, i) => (
        <p key={i} className="rounded bg-amber-50/90 px-2 py-1 text-center text-[11px] text-amber-900" data-testid="chat-held">
          {t(lang, 'timing.held.sandbox')
            .replace('{name}', h.scenarioName)
            .replace('{step}', h.step)
            .replace('{until}', formatInstant(h.until, lang))}
        </p>
      ))}
    </>
  );
}
