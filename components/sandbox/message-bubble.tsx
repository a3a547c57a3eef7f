'use client';
// One message as LINE shows it: text (URLs tappable), image, sticker, or a card with its buttons.
import { z } from 'zod';
import { messagePreview } from '@/lib/line/message-preview';
import type { SandboxMessage } from '@/lib/line/sandbox-admin-schema';
import { actionsOf, linkify, type PhoneAction } from './message-actions';

const ImageSchema = z.looseObject({ type: z.literal('image'), previewImageUrl: z.string() });
const TextSchema = z.looseObject({ type: z.literal('text'), text: z.string() });

export function MessageBubble({ message, onAction }: { message: SandboxMessage; onAction: (a: PhoneAction) => void }) {
  const text = TextSchema.safeParse(message);
  if (text.success) {
    return (
      <div
        className="max-w-[75%] whitespace-pre-wrap break-words rounded-2xl rounded-tl-sm bg-white px-3 py-2 text-sm shadow-sm"
        data-testid="bubble"
      >
        {linkify(text.data.text).map((p, i) =>
          p.url ? (
            <button
              key={i}
              type="button"
              onClick={() => onAction({ kind: 'uri', label: p.text, uri: p.url ?? '' })}
              className="break-all text-left text-sky-600 underline"
            >
              {p.text}
            </button>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )}
      </div>
    );
  }
  const image = ImageSchema.safeParse(message);
  if (image.success) {
    // eslint-disable-next-line @next/next/no-img-element -- a message's image URL may name any host; next/image serves only hosts listed in next.config.
    return <img src={image.data.previewImageUrl} alt="" className="max-w-[60%] rounded-2xl" data-testid="bubble" />;
  }
  if (message.type === 'sticker')
    return (
      <div className="text-4xl" data-testid="bubble">
        🐻
      </div>
    );
  const actions = actionsOf(message);
  return (
    <div className="w-[75%] overflow-hidden rounded-2xl bg-white text-sm shadow-sm" data-testid="bubble">
      <div className="px-3 py-2">{messagePreview(message)}</div>
      {actions.map((a, i) => (
        <button
          key={i}
          type="button"
          onClick={() => onAction(a)}
          className="block w-full border-t border-slate-100 px-3 py-2 text-center font-medium text-sky-600 hover:bg-slate-50"
        >
          {a.label}
        </button>
      ))}
    </div>
  );
}
