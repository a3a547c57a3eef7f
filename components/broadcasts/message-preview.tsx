'use client';
// A sent or scheduled broadcast's messages as a friend's phone shows them (placeholders filled for a sample friend).
import { LineBubble, LineChat } from '@/components/preview/line-bubble';
import type { Lang } from '@/lib/i18n/dictionary';
import { friendFixture } from '@/scenario/fixtures';
import { renderMessages } from '@/scenario/render';
import type { LineMessage } from '@/scenario/schema';

export function MessagePreview({ lang, messages }: { lang: Lang; messages: LineMessage[] }) {
  const sample = renderMessages(messages, { friend: friendFixture({ displayName: lang === 'ja' ? '花子' : 'Hanako' }), event: null });
  return (
    <LineChat testId="broadcast-message">
      {sample.map((m, i) => (
        <LineBubble key={i} message={m} />
      ))}
    </LineChat>
  );
}
