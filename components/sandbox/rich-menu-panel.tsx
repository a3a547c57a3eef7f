'use client';
// The friend's current rich menu under the phone's chat, as LINE draws it: the image with its tap areas; a tap sends
// the postback or text, opens the URI, or switches menus through a richmenuswitch alias. The chat bar folds it away.
import { useEffect, useState } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { SandboxRichMenuAction, SandboxRichMenuResponse, type SandboxRichMenuView } from './rich-menu-schema';
import type { PhoneAction } from './message-actions';
import { usePoll } from './use-poll';

export function RichMenuPanel({
  sandboxUrl,
  userId,
  lang,
  onAction,
}: {
  sandboxUrl: string;
  userId: string;
  lang: Lang;
  onAction: (a: PhoneAction) => void;
}) {
  const root = sandboxUrl.replace(/\/$/, '');
  const view = usePoll(
    async () =>
      SandboxRichMenuResponse.parse(
        await (await fetch(`${root}/__sandbox/friends/${encodeURIComponent(userId)}/richmenu`, { cache: 'no-store' })).json(),
      ),
    1500,
    userId,
  );
  const menu = view.data?.richMenu ?? null;
  const [open, setOpen] = useState(true);
  const image = useImage(menu ? `${root}${menu.imagePath}` : null);
  if (!menu) return null;

  const tap = (raw: unknown, label: string, area: number) => {
    const a = SandboxRichMenuAction.safeParse(raw);
    if (!a.success) return;
    const act = a.data;
    // LINE counts the tap for the menu's insight summary, whatever the area does.
    void fetch(`${root}/__sandbox/friends/${encodeURIComponent(userId)}/richmenu/tap`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ area }),
    }).catch(() => {});
    if (act.type === 'richmenuswitch') {
      void fetch(`${root}/__sandbox/friends/${encodeURIComponent(userId)}/richmenu/switch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ richMenuAliasId: act.richMenuAliasId, data: act.data }),
      }).then(view.refresh, view.refresh);
    } else if (act.type === 'postback') onAction({ kind: 'postback', label: act.displayText ?? label, data: act.data });
    else if (act.type === 'message') onAction({ kind: 'message', label: act.text, text: act.text });
    else onAction({ kind: 'uri', label, uri: act.uri });
  };

  return (
    <div className="bg-white" data-testid="rich-menu" data-rich-menu-id={menu.richMenuId}>
      {open ? <MenuImage menu={menu} image={image} onTap={tap} lang={lang} /> : null}
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-center justify-center gap-1 border-t border-slate-200 py-1.5 text-xs text-slate-700"
        data-testid="rich-menu-bar"
      >
        {menu.chatBarText} {open ? '▼' : '▲'}
      </button>
    </div>
  );
}

function MenuImage({
  menu,
  image,
  onTap,
  lang,
}: {
  menu: SandboxRichMenuView;
  image: string | null;
  onTap: (action: unknown, label: string, area: number) => void;
  lang: Lang;
}) {
  const { width, height } = menu.size;
  const pct = (v: number, of: number) => `${(v / of) * 100}%`;
  return (
    <div className="relative w-full bg-slate-200" style={{ aspectRatio: `${width} / ${height}` }}>
      {/* eslint-disable-next-line @next/next/no-img-element -- a blob: URL of the sandbox's bytes; next/image adds nothing to it. */}
      {image ? <img src={image} alt={menu.chatBarText} className="absolute inset-0 h-full w-full" /> : null}
      {menu.areas.map((a, i) => (
        <button
          key={i}
          type="button"
          aria-label={`${t(lang, 'richMenus.area')} ${i + 1}`}
          onClick={() => onTap(a.action, `${t(lang, 'richMenus.area')} ${i + 1}`, i)}
          className="absolute hover:bg-white/20 focus:bg-white/20"
          style={{
            left: pct(a.bounds.x, width),
            top: pct(a.bounds.y, height),
            width: pct(a.bounds.width, width),
            height: pct(a.bounds.height, height),
          }}
          data-testid={`rich-menu-area-${i}`}
        />
      ))}
    </div>
  );
}

/** The sandbox's image as a blob URL (the page's CSP lets images come from blob:, fetches reach the sandbox). */
function useImage(url: string | null): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!url) return;
    let live = true;
    let made: string | null = null;
    void fetch(url, { cache: 'no-store' })
      .then((r) => (r.ok ? r.blob() : null))
      .then((b) => {
        if (!live || !b) return;
        made = URL.createObjectURL(b);
        setSrc(made);
      })
      .catch(() => {});
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [url]);
  return src;
}
