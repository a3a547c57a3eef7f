// A card-type message as LINE shows it: cards side by side, each an image, a bold title, its text and link buttons.
import type { CardButton, CardsMessage } from '@/scenario/cards';
import { imageSrc } from './media-src';

export function CardCarousel({ cards, onPress }: { cards: CardsMessage; onPress?: (b: CardButton) => void }) {
  return (
    <div className="flex min-w-0 max-w-full gap-2 overflow-x-auto pb-1" data-testid="card-carousel">
      {cards.cards.map((c, i) => (
        <div key={i} className="flex w-48 shrink-0 flex-col overflow-hidden rounded-2xl bg-white text-sm shadow-sm" data-testid="card">
          {c.imageUrl && (
            <div className="aspect-[20/13] w-full bg-slate-200">
              {/* eslint-disable-next-line @next/next/no-img-element -- card images may be on any host; next/image serves only hosts listed in next.config. */}
              <img
                // A new element per URL: the error handler hides a broken one, which must not hide the next.
                key={c.imageUrl}
                src={imageSrc(c.imageUrl)}
                alt=""
                className="h-full w-full object-cover"
                onError={(e) => (e.currentTarget.style.visibility = 'hidden')}
              />
            </div>
          )}
          <div className="flex-1 space-y-1 px-3 py-2">
            <div className="break-words font-bold leading-snug text-slate-900">{c.title}</div>
            {c.text && <div className="whitespace-pre-wrap break-words text-xs leading-snug text-slate-600">{c.text}</div>}
          </div>
          {c.buttons.map((b, j) =>
            onPress ? (
              <button
                key={j}
                type="button"
                onClick={() => onPress(b)}
                className="border-t border-slate-100 px-2 py-2 text-center text-sm font-medium text-sky-600 hover:bg-slate-50"
              >
                {b.label}
              </button>
            ) : (
              <div key={j} className="border-t border-slate-100 px-2 py-2 text-center text-sm text-sky-700">
                {b.label}
              </div>
            ),
          )}
        </div>
      ))}
    </div>
  );
}
