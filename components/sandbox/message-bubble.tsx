'use client';
// One message as LINE shows it: text (URLs tappable), image, sticker, card-type cards, a rich message (areas tappable),
// a coupon, or a card with its buttons.
import { z } from 'zod';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { messagePreview } from '@/lib/line/message-preview';
import type { SandboxCouponView, SandboxMessage } from '@/lib/line/sandbox-admin-schema';
import { flexToCards, type CardButton } from '@/scenario/cards';
import { FlexMessageSchema, ImagemapMessageSchema } from '@/scenario/messages';
import { CardCarousel } from '@/components/preview/card-carousel';
import { CouponCard } from '@/components/preview/coupon-card';
import { ImagemapView } from '@/components/preview/imagemap-view';
import { imageSrc } from '@/components/preview/media-src';
import { StickerTile } from '@/components/preview/sticker-tile';
import { actionsOf, linkify, type PhoneAction } from './message-actions';

const ImageSchema = z.looseObject({ type: z.literal('image'), previewImageUrl: z.string() });
const TextSchema = z.looseObject({ type: z.literal('text'), text: z.string() });
const StickerSchema = z.looseObject({ type: z.literal('sticker'), packageId: z.string(), stickerId: z.string() });
const CouponSchema = z.looseObject({ type: z.literal('coupon'), couponId: z.string(), deliveryTag: z.string().optional() });

function pressed(b: CardButton): PhoneAction {
  if (b.kind === 'uri') return { kind: 'uri', label: b.label, uri: b.value };
  if (b.kind === 'message') return { kind: 'message', label: b.label, text: b.value };
  return { kind: 'postback', label: b.label, data: b.value };
}

export function MessageBubble({
  message,
  coupon,
  onAction,
  lang,
}: {
  message: SandboxMessage;
  /** For a coupon message: the coupon it names, as the sandbox knows it. */
  coupon?: SandboxCouponView | undefined;
  onAction: (a: PhoneAction) => void;
  lang: Lang;
}) {
  const couponMessage = CouponSchema.safeParse(message);
  if (couponMessage.success) {
    const { couponId, deliveryTag } = couponMessage.data;
    return (
      <div data-testid="bubble" data-delivery-tag={deliveryTag ?? ''}>
        <CouponCard
          lang={lang}
          coupon={{
            couponId,
            title: coupon?.title ?? null,
            rewardType: coupon?.rewardType ?? null,
            priceInfo: coupon?.priceInfo ?? null,
            lottery: coupon?.lottery ?? false,
            endTimestamp: coupon?.endTimestamp ?? null,
            closed: coupon ? coupon.status === 'CLOSED' : false,
          }}
        />
      </div>
    );
  }
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
    return <img src={imageSrc(image.data.previewImageUrl)} alt="" className="max-w-[60%] rounded-2xl" data-testid="bubble" />;
  }
  const sticker = StickerSchema.safeParse(message);
  if (sticker.success)
    return (
      <div data-testid="bubble">
        <StickerTile packageId={sticker.data.packageId} stickerId={sticker.data.stickerId} label={t(lang, 'sticker.label')} />
      </div>
    );
  const imagemap = ImagemapMessageSchema.safeParse(message);
  if (imagemap.success)
    return (
      <div className="w-[75%]" data-testid="bubble">
        <ImagemapView
          message={imagemap.data}
          className="w-full"
          onPress={(a) =>
            onAction(
              a.type === 'uri'
                ? { kind: 'uri', label: a.label ?? a.linkUri, uri: a.linkUri }
                : { kind: 'message', label: a.label ?? a.text, text: a.text },
            )
          }
        />
      </div>
    );
  const flex = FlexMessageSchema.safeParse(message);
  const cards = flex.success ? flexToCards(flex.data) : null;
  if (cards)
    return (
      <div className="min-w-0 max-w-[85%]" data-testid="bubble">
        <CardCarousel cards={cards} onPress={(b) => onAction(pressed(b))} />
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
