// A LINE sticker drawn as a labelled tile (package and sticker id): LINE's sticker pictures are not fetched by Kizuna.
import { Smile } from 'lucide-react';

export function StickerTile({
  packageId,
  stickerId,
  size = 'md',
  label,
}: {
  packageId: string;
  stickerId: string;
  size?: 'sm' | 'md';
  /** The words for "sticker" in the page's language (screen readers and the tooltip). */
  label: string;
}) {
  const box = size === 'sm' ? 'h-14 w-14' : 'h-24 w-24';
  return (
    <div
      className={`${box} flex shrink-0 flex-col items-center justify-center gap-0.5 rounded-xl border border-amber-200 bg-amber-50 text-amber-800`}
      title={`${label} ${packageId}/${stickerId}`}
      role="img"
      aria-label={`${label} ${packageId}/${stickerId}`}
      data-testid="sticker-tile"
      data-sticker={`${packageId}/${stickerId}`}
    >
      <Smile className={size === 'sm' ? 'h-4 w-4' : 'h-8 w-8'} aria-hidden />
      <span className="text-[9px] leading-none text-amber-700/80" translate="no">
        {packageId}
      </span>
      <span className={`${size === 'sm' ? 'text-[10px]' : 'text-xs'} font-semibold leading-none tabular-nums`} translate="no">
        {stickerId}
      </span>
    </div>
  );
}
