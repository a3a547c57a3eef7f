// One LINE message drawn the way the friend's phone shows it: text, image, sticker, buttons card, cards, rich message,
// coupon or flex summary.
import { t, type Lang } from '@/lib/i18n/dictionary';
import { flexToCards } from '@/scenario/cards';
import type { LineMessage } from '@/scenario/schema';
import { CardCarousel } from './card-carousel';
import { CouponBubble } from './coupon-bubble';
import { ImagemapView } from './imagemap-view';
import { imageSrc } from './media-src';
import { StickerTile } from './sticker-tile';

const URL_RE = /(https?:\/\/[^\s]+)/g;

function Linked({ text }: { text: string }) {
  return (
    <>
      {text.split(URL_RE).map((part, i) =>
        URL_RE.test(part) ? (
          <span key={i} className="break-all text-sky-700 underline">
            {part}
          </span>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}

export function LineBubble({ message, time, lang = 'ja' }: { message: LineMessage; time?: string; lang?: Lang }) {
  const stamp = time ? <span className="shrink-0 self-end text-[10px] text-slate-700/80">{time}</span> : null;
  const body = (() => {
    switch (message.type) {
      case 'text':
        return (
          <div className="max-w-64 whitespace-pre-wrap break-words rounded-2xl rounded-tl-sm bg-white px-3 py-2 text-sm leading-snug text-slate-900 shadow-sm">
            <Linked text={message.text} />
          </div>
        );
      case 'image':
        return (
          <div className="flex h-36 w-48 items-center justify-center overflow-hidden rounded-xl bg-slate-200 text-xs text-slate-500">
            {/* eslint-disable-next-line @next/next/no-img-element -- the marketer pastes any host's URL; next/image serves only hosts listed in next.config. */}
            <img
              // A new element per URL: the error handler hides a broken one, which must not hide the next.
              key={message.previewImageUrl}
              src={imageSrc(message.previewImageUrl)}
              alt=""
              className="h-full w-full object-cover"
              onError={(e) => (e.currentTarget.style.display = 'none')}
            />
          </div>
        );
      case 'imagemap':
        return <ImagemapView message={message} />;
      case 'coupon':
        return <CouponBubble couponId={message.couponId} lang={lang} />;
      case 'sticker':
        return <StickerTile packageId={message.packageId} stickerId={message.stickerId} label={t(lang, 'sticker.label')} />;
      case 'template':
        return (
          <div className="w-60 overflow-hidden rounded-2xl bg-white text-sm shadow-sm">
            <div className="px-3 py-2">
              {message.template.title && <div className="font-bold">{message.template.title}</div>}
              <div className="whitespace-pre-wrap text-slate-700">{message.template.text}</div>
            </div>
            {message.template.actions.map((a, i) => (
              <div key={i} className="border-t border-slate-100 py-2 text-center text-sky-700">
                {a.label ?? a.type}
              </div>
            ))}
          </div>
        );
      case 'flex': {
        const cards = flexToCards(message);
        if (cards) return <CardCarousel cards={cards} />;
        return (
          <div className="w-60 rounded-2xl bg-white px-3 py-3 text-sm shadow-sm">
            <div className="text-[10px] uppercase text-slate-400">Flex</div>
            {message.altText}
          </div>
        );
      }
    }
  })();
  return (
    <div className="flex items-end gap-1.5" data-testid="line-bubble" data-type={message.type}>
      {body}
      {stamp}
    </div>
  );
}

/** The phone's chat background with the account avatar, wrapping a list of bubbles. */
export function LineChat({ children, testId }: { children: React.ReactNode; testId?: string }) {
  return (
    <div className="space-y-2 rounded-xl bg-[#8cabd9] p-3" data-testid={testId}>
      {children}
    </div>
  );
}
