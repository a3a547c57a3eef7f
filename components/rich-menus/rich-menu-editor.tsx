'use client';
// The rich-menu editor: upload the image (checked against LINE's sizes and 1 MB before it is sent), lay tap areas from
// a template or draw them on the image, give each an action, then save, publish to LINE and make it the default.
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';
import { checkImageUpload, sniffImage } from '@/scenario/image-upload';
import {
  checkRichMenu,
  rectFromDrag,
  richMenuImageProblem,
  RICH_MENU_TEMPLATES,
  templateBounds,
  type RichMenuArea,
  type RichMenuAreaAction,
  type RichMenuBounds,
  type RichMenuDraft,
  type RichMenuTemplate,
} from '@/scenario/rich-menu';
import { AreaActionForm } from './area-action-form';

const INPUT = 'mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm';
const BUTTON = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-40';
const PRIMARY = 'rounded-md bg-line px-4 py-2 text-sm font-medium text-white hover:bg-line-dark disabled:opacity-40';

export type RichMenuEditorProps = {
  lang: Lang;
  menuId: string | null;
  initial: RichMenuDraft;
  image: { mediaId: string; url: string } | null;
  /** Other menus a switch area may go to. */
  menus: { id: string; name: string }[];
  published: boolean;
  isDefault: boolean;
  canEdit: boolean;
  canPublish: boolean;
  save: (input: unknown) => Promise<ActionResult<{ id: string }>>;
  publish: (menuId: unknown) => Promise<ActionResult<{ lineRichMenuId: string }>>;
  setDefault: (menuId: unknown) => Promise<ActionResult>;
};

const defaultAction = (i: number): RichMenuAreaAction => ({ type: 'postback', event: `menu_area_${i + 1}`, displayText: '' });

export function RichMenuEditor(props: RichMenuEditorProps) {
  const { lang } = props;
  const router = useRouter();
  const [draft, setDraft] = useState<RichMenuDraft>(props.initial);
  const [image, setImage] = useState(props.image);
  const [selected, setSelected] = useState(0);
  const [drawing, setDrawing] = useState(false);
  const [drag, setDrag] = useState<{ a: { x: number; y: number }; b: { x: number; y: number } } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const surface = useRef<HTMLDivElement>(null);
  const ro = !props.canEdit;

  const issues = checkRichMenu(
    draft,
    props.menus.map((m) => m.id),
  );
  const setAreas = (areas: RichMenuArea[]) => setDraft((d) => ({ ...d, areas }));

  async function onFile(file: File) {
    setProblem(null);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const facts = checkImageUpload(bytes);
    const kind = sniffImage(bytes);
    const p = richMenuImageProblem({ kind, width: facts.ok ? facts.width : 0, height: facts.ok ? facts.height : 0, bytes: bytes.length });
    if (p) return setProblem(lang === 'ja' ? p.messageJa : p.message);
    if (!facts.ok) return setProblem(t(lang, 'richMenus.error.unreadable'));
    const res = await fetch('/api/media', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: await toBase64(file) }),
    });
    const json = (await res.json().catch(() => null)) as { id?: unknown; originalContentUrl?: unknown } | null;
    if (!res.ok || typeof json?.id !== 'string' || typeof json.originalContentUrl !== 'string')
      return setProblem(t(lang, 'richMenus.error.upload'));
    const size = { width: facts.width, height: facts.height };
    setImage({ mediaId: json.id, url: new URL(json.originalContentUrl).pathname });
    // A new size keeps no old areas (they would fall outside), and a menu without any starts from two columns.
    setDraft((d) =>
      d.size.width === size.width && d.size.height === size.height && d.areas.length > 0
        ? d
        : { ...d, size, areas: templateBounds('halves', size).map((bounds, i) => ({ bounds, action: defaultAction(i) })) },
    );
  }

  function applyTemplate(tpl: RichMenuTemplate) {
    const old = draft.areas;
    setAreas(templateBounds(tpl, draft.size).map((bounds, i) => ({ bounds, action: old[i]?.action ?? defaultAction(i) })));
    setSelected(0);
  }

  const toImage = (e: React.PointerEvent) => {
    const r = surface.current?.getBoundingClientRect();
    if (!r) return { x: 0, y: 0 };
    return { x: ((e.clientX - r.left) * draft.size.width) / r.width, y: ((e.clientY - r.top) * draft.size.height) / r.height };
  };
  const dragRect = drag ? rectFromDrag(drag.a, drag.b, draft.size) : null;

  function finishDrag() {
    if (dragRect) {
      setAreas([...draft.areas, { bounds: dragRect, action: defaultAction(draft.areas.length) }]);
      setSelected(draft.areas.length);
      setDrawing(false);
    }
    setDrag(null);
  }

  function save() {
    setNotice(null);
    start(async () => {
      const r = await props.save({ ...(props.menuId ? { id: props.menuId } : {}), imageMediaId: image?.mediaId ?? null, draft });
      if (!r.ok) return setProblem(r.error.issues.map((i) => i.message).join(' ') || r.error.message);
      setProblem(null);
      setNotice(t(lang, 'richMenus.saved'));
      if (!props.menuId) router.push(`/rich-menus/${r.id}`);
      else router.refresh();
    });
  }
  function publish() {
    if (!props.menuId) return;
    const id = props.menuId;
    start(async () => {
      const r = await props.publish(id);
      if (!r.ok) return setProblem(r.error.message);
      setNotice(t(lang, 'richMenus.publishedNotice'));
      router.refresh();
    });
  }
  function makeDefault() {
    if (!props.menuId) return;
    const id = props.menuId;
    start(async () => {
      const r = await props.setDefault(id);
      if (!r.ok) return setProblem(r.error.message);
      setNotice(t(lang, 'richMenus.defaultNotice'));
      router.refresh();
    });
  }

  const area = draft.areas[selected];
  const pct = (b: RichMenuBounds) => ({
    left: `${(b.x / draft.size.width) * 100}%`,
    top: `${(b.y / draft.size.height) * 100}%`,
    width: `${(b.width / draft.size.width) * 100}%`,
    height: `${(b.height / draft.size.height) * 100}%`,
  });

  return (
    <div className="grid grid-cols-[minmax(0,1fr)_320px] gap-6" data-testid="rich-menu-editor">
      <div className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <label className={`${BUTTON} cursor-pointer`}>
            {t(lang, 'richMenus.upload')}
            <input
              type="file"
              accept="image/png,image/jpeg"
              className="hidden"
              disabled={ro}
              data-testid="rich-menu-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void onFile(f);
                e.target.value = '';
              }}
            />
          </label>
          <span className="text-xs text-slate-500">{t(lang, 'richMenus.uploadHint')}</span>
        </div>
        <div className="flex flex-wrap items-center gap-1" data-testid="rich-menu-templates">
          <span className="mr-1 text-sm text-slate-600">{t(lang, 'richMenus.template')}</span>
          {(Object.keys(RICH_MENU_TEMPLATES) as RichMenuTemplate[]).map((tpl) => (
            <button
              key={tpl}
              type="button"
              className={BUTTON}
              disabled={ro || !image}
              onClick={() => applyTemplate(tpl)}
              data-testid={`rich-menu-template-${tpl}`}
            >
              {t(lang, `richMenus.template.${tpl}` as MessageKey)}
            </button>
          ))}
          <button
            type="button"
            className={`${BUTTON} ${drawing ? 'border-line bg-line/10' : ''}`}
            disabled={ro || !image}
            onClick={() => setDrawing((d) => !d)}
            data-testid="rich-menu-draw"
          >
            {t(lang, 'richMenus.draw')}
          </button>
          <button type="button" className={BUTTON} disabled={ro || draft.areas.length === 0} onClick={() => setAreas([])}>
            {t(lang, 'richMenus.clearAreas')}
          </button>
        </div>
        <div
          ref={surface}
          className={`relative w-full select-none overflow-hidden rounded-md border border-slate-300 bg-slate-100 ${drawing ? 'cursor-crosshair' : ''}`}
          style={{ aspectRatio: `${draft.size.width} / ${draft.size.height}` }}
          data-testid="rich-menu-surface"
          onPointerDown={(e) => {
            if (!drawing) return;
            e.currentTarget.setPointerCapture(e.pointerId);
            const p = toImage(e);
            setDrag({ a: p, b: p });
          }}
          onPointerMove={(e) => drag && setDrag({ ...drag, b: toImage(e) })}
          onPointerUp={finishDrag}
        >
          {image ? (
            // eslint-disable-next-line @next/next/no-img-element -- the exact uploaded pixels: the areas are drawn over them 1:1.
            <img src={image.url} alt="" draggable={false} className="pointer-events-none absolute inset-0 h-full w-full" />
          ) : (
            <p className="absolute inset-0 flex items-center justify-center text-sm text-slate-500">{t(lang, 'richMenus.noImage')}</p>
          )}
          {draft.areas.map((a, i) => (
            <button
              key={i}
              type="button"
              onClick={() => !drawing && setSelected(i)}
              className={`absolute border-2 text-sm font-bold text-white ${i === selected ? 'border-amber-400 bg-amber-300/30' : 'border-white/80 bg-black/15'} ${drawing ? 'pointer-events-none' : ''}`}
              style={pct(a.bounds)}
              data-testid={`rich-menu-area-box-${i}`}
            >
              <span className="rounded bg-black/50 px-1.5">{i + 1}</span>
            </button>
          ))}
          {dragRect ? <div className="absolute border-2 border-dashed border-sky-500 bg-sky-300/30" style={pct(dragRect)} /> : null}
        </div>
        {problem ? (
          <p className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" role="alert" data-testid="rich-menu-problem">
            {problem}
          </p>
        ) : null}
        {image && issues.length > 0 ? (
          <ul className="list-disc pl-5 text-sm text-amber-800" data-testid="rich-menu-issues">
            {issues.map((i, k) => (
              <li key={k}>{lang === 'ja' ? i.messageJa : i.message}</li>
            ))}
          </ul>
        ) : null}
      </div>

      <div className="space-y-4">
        <label className="block text-sm">
          {t(lang, 'richMenus.name')}
          <input
            className={INPUT}
            value={draft.name}
            disabled={ro}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            data-testid="rich-menu-name"
          />
        </label>
        <label className="block text-sm">
          {t(lang, 'richMenus.chatBarText')}
          <input
            className={INPUT}
            value={draft.chatBarText}
            maxLength={14}
            disabled={ro}
            onChange={(e) => setDraft({ ...draft, chatBarText: e.target.value })}
            data-testid="rich-menu-chat-bar"
          />
        </label>
        <p className="text-xs text-slate-500">
          {draft.size.width}×{draft.size.height} · {t(lang, 'richMenus.areas')} {draft.areas.length}/20
        </p>
        {area ? (
          <div className="rounded-md border border-slate-200 bg-white p-3" data-testid="rich-menu-area-form">
            <div className="mb-2 flex items-center justify-between">
              <h3 className="text-sm font-semibold">
                {t(lang, 'richMenus.area')} {selected + 1}
              </h3>
              <button
                type="button"
                className="text-xs text-rose-700 hover:underline disabled:opacity-40"
                disabled={ro}
                onClick={() => {
                  setAreas(draft.areas.filter((_, i) => i !== selected));
                  setSelected(0);
                }}
              >
                {t(lang, 'richMenus.removeArea')}
              </button>
            </div>
            <AreaActionForm
              lang={lang}
              action={area.action}
              menus={props.menus.filter((m) => m.id !== props.menuId)}
              disabled={ro}
              onChange={(action) => setAreas(draft.areas.map((a, i) => (i === selected ? { ...a, action } : a)))}
            />
          </div>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={PRIMARY}
            disabled={ro || pending || !image || issues.length > 0}
            onClick={save}
            data-testid="rich-menu-save"
          >
            {t(lang, 'richMenus.save')}
          </button>
          {props.menuId && props.canPublish ? (
            <>
              <button type="button" className={BUTTON} disabled={pending} onClick={publish} data-testid="rich-menu-publish">
                {t(lang, props.published ? 'richMenus.republish' : 'richMenus.publish')}
              </button>
              <button
                type="button"
                className={BUTTON}
                disabled={pending || !props.published || props.isDefault}
                onClick={makeDefault}
                data-testid="rich-menu-default"
              >
                {props.isDefault ? t(lang, 'richMenus.isDefault') : t(lang, 'richMenus.makeDefault')}
              </button>
            </>
          ) : null}
        </div>
        {notice ? (
          <p className="text-sm text-emerald-700" data-testid="rich-menu-notice">
            {notice}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}
