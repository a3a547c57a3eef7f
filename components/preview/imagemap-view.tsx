// A rich message (imagemap) as LINE shows it: the image at the width a phone asks for, with each tappable area outlined
// and lettered as the builder names it; on the sandbox phone an area can be tapped.
import type { ImagemapMessage } from '@/scenario/rich-message';
import { areaName, RICH_WIDTH } from '@/scenario/rich-message';
import { imageSrc } from './media-src';

type Action = ImagemapMessage['actions'][number];

const pct = (n: number, of: number) => `${(n / of) * 100}%`;

export function ImagemapView({
  message,
  onPress,
  className = 'w-60',
}: {
  message: ImagemapMessage;
  onPress?: (a: Action) => void;
  className?: string;
}) {
  const h = message.baseSize.height;
  return (
    <div
      className={`relative overflow-hidden rounded-xl bg-slate-200 ${className}`}
      style={{ aspectRatio: `${RICH_WIDTH} / ${h}` }}
      data-testid="imagemap"
    >
      {message.baseUrl.startsWith('https://') && (
        // eslint-disable-next-line @next/next/no-img-element -- LINE's imagemap URL has no extension and may name any host.
        <img
          key={message.baseUrl}
          src={imageSrc(`${message.baseUrl}/700`)}
          alt={message.altText}
          className="absolute inset-0 h-full w-full object-cover"
          onError={(e) => (e.currentTarget.style.visibility = 'hidden')}
        />
      )}
      {message.actions.map((a, i) => {
        const style = {
          left: pct(a.area.x, RICH_WIDTH),
          top: pct(a.area.y, h),
          width: pct(a.area.width, RICH_WIDTH),
          height: pct(a.area.height, h),
        };
        const what = a.type === 'uri' ? a.linkUri : a.text;
        const cls = 'absolute border border-dashed border-white/90 outline outline-1 outline-black/25 text-left';
        const tag = (
          <span className="absolute left-0.5 top-0.5 rounded bg-black/45 px-1 text-[9px] font-semibold text-white">{areaName(i)}</span>
        );
        return onPress ? (
          <button
            key={i}
            type="button"
            className={`${cls} hover:bg-white/20`}
            style={style}
            title={what}
            aria-label={a.label ?? what}
            onClick={() => onPress(a)}
            data-testid="imagemap-area"
          >
            {tag}
          </button>
        ) : (
          <div key={i} className={cls} style={style} title={what} data-testid="imagemap-area">
            {tag}
          </div>
        );
      })}
    </div>
  );
}
