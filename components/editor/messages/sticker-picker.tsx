'use client';
// Sticker picker: LINE's standard packages as tabs, each a grid of sticker tiles; the chosen one is outlined.
import { isStandardSticker, STICKER_PACKAGES, stickerIds, stickerPackage } from '@/scenario/stickers';
import type { LineMessage } from '@/scenario/schema';
import { StickerTile } from '@/components/preview/sticker-tile';
import { useT } from '../editor-context';

type StickerMessage = Extract<LineMessage, { type: 'sticker' }>;

export function StickerPicker({ testId, m, onChange }: { testId: string; m: StickerMessage; onChange: (m: StickerMessage) => void }) {
  const t = useT();
  const pkg = stickerPackage(m.packageId) ?? STICKER_PACKAGES[0];
  if (!pkg) return null;
  return (
    <div className="space-y-2" data-testid={`${testId}-stickers`}>
      <p className="text-[11px] text-slate-500">{t('sticker.hint')}</p>
      <div className="flex flex-wrap gap-1" role="tablist" aria-label={t('sticker.package')}>
        {STICKER_PACKAGES.map((p) => (
          <button
            key={p.packageId}
            type="button"
            role="tab"
            aria-selected={p.packageId === pkg.packageId}
            data-testid={`${testId}-package-${p.packageId}`}
            title={p.animated ? t('sticker.animated') : undefined}
            onClick={() => onChange({ ...m, packageId: p.packageId, stickerId: String(p.first) })}
            className={`rounded border px-1.5 py-0.5 text-[11px] tabular-nums ${p.packageId === pkg.packageId ? 'border-emerald-500 bg-emerald-50 font-semibold text-emerald-800' : 'border-slate-200 text-slate-600 hover:bg-slate-50'}`}
          >
            {p.packageId}
            {p.animated ? ' ▶' : ''}
          </button>
        ))}
      </div>
      <div className="grid max-h-56 grid-cols-5 gap-1 overflow-y-auto rounded border border-slate-100 p-1">
        {stickerIds(pkg).map((id) => {
          const chosen = m.packageId === pkg.packageId && m.stickerId === id;
          return (
            <button
              key={id}
              type="button"
              aria-pressed={chosen}
              data-testid={`${testId}-sticker-${id}`}
              onClick={() => onChange({ ...m, packageId: pkg.packageId, stickerId: id })}
              className={`rounded-xl ${chosen ? 'ring-2 ring-emerald-500 ring-offset-1' : 'hover:opacity-80'}`}
            >
              <StickerTile packageId={pkg.packageId} stickerId={id} size="sm" label={t('sticker.label')} />
            </button>
          );
        })}
      </div>
      <p className="text-xs text-slate-600" data-testid={`${testId}-sticker-selected`}>
        {t('sticker.selected').replace('{packageId}', m.packageId).replace('{stickerId}', m.stickerId)}
      </p>
      {!isStandardSticker(m.packageId, m.stickerId) && <p className="text-xs text-amber-700">{t('sticker.notStandard')}</p>}
    </div>
  );
}
