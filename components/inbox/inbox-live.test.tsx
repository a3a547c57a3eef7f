// The inbox names a message without text by its kind in the operator's language: （スタンプ） in Japanese, (Sticker) in
// English, never LINE's English type inside a Japanese sentence; in the thread and as a conversation's latest message.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Lang } from '@/lib/i18n/dictionary';
import type { InboxSnapshot } from '@/lib/ui-types';
import { InboxLive } from './inbox-live';

const friendId = '0b6a3c1e-2d4f-4a5b-8c7d-9e0f1a2b3c4d';
const at = Date.parse('2026-03-01T10:00:00+09:00');
const message = (id: string, messageType: string, text: string | null) => ({
  id,
  direction: 'in' as const,
  source: 'friend' as const,
  scenarioName: null,
  messageType,
  text,
  status: 'received' as const,
  at,
  operatorName: null,
});

const snapshot: InboxSnapshot = {
  conversations: [
    {
      friendId,
      displayName: '佐藤',
      pictureUrl: null,
      blocked: false,
      lastMessageAt: at,
      lastText: null,
      lastMessageType: 'sticker',
      lastDirection: 'in',
      unread: 1,
      handling: false,
      assigneeName: null,
    },
  ],
  thread: {
    friendId,
    messages: [
      message('1', 'sticker', null),
      message('2', 'image', null),
      message('3', 'location', null),
      message('4', 'file', null),
      message('5', 'video', null),
      message('6', 'audio', null),
    ],
    handling: false,
    handlingSince: null,
    assigneeId: null,
    holdsSends: true,
    held: [],
  },
};

function render(lang: Lang): { thread: string[]; list: string } {
  const html = renderToStaticMarkup(
    createElement(InboxLive, {
      lang,
      initial: snapshot,
      friendId,
      canReply: true,
      templates: [],
      operators: [],
      actions: { markChatReadAction: async () => ({ ok: true as const }) },
      side: null,
    }),
  );
  const thread = [...html.matchAll(/data-testid="inbox-message-in"[^>]*>([^<]*)</g)].map((m) => m[1] ?? '');
  const list = /data-testid="inbox-conversation"[\s\S]*?<span class="truncate text-xs[^"]*">([\s\S]*?)<\/span>/.exec(html)?.[1] ?? '';
  return { thread, list };
}

describe('inbox messages without text', () => {
  it('are named in Japanese for a Japanese operator', () => {
    const { thread, list } = render('ja');
    expect(thread).toEqual(['（スタンプ）', '（画像）', '（位置情報）', '（ファイル）', '（動画）', '（音声）']);
    expect(list).toBe('（スタンプ）');
    expect(thread.join('')).not.toMatch(/[a-z]/i);
  });

  it('are named in English for an English operator', () => {
    const { thread, list } = render('en');
    expect(thread).toEqual(['(Sticker)', '(Image)', '(Location)', '(File)', '(Video)', '(Audio)']);
    expect(list).toBe('(Sticker)');
  });
});
