'use client';
// The palette: drag a step kind onto the canvas (or onto a connection to splice it in); a click adds it too.
import type { DragEvent } from 'react';
import { NODE_LABELS } from '@/scenario/nodes';
import type { NodeKind } from '@/scenario/schema';
import type { MessageKey } from '@/lib/i18n/dictionary';
import { DRAG_MIME } from './canvas';
import { useEditor, useT } from './editor-context';
import { editorNodes, PALETTE_KINDS } from './nodes/registry';

/** Each kind's one-line hint; a kind without `editor.palette.<kind>` in the dictionary fails the typecheck. */
const hintKey = (kind: NodeKind): MessageKey => `editor.palette.${kind}`;

export function Palette({ onAdd }: { onAdd: (kind: NodeKind) => void }) {
  const lang = useEditor((s) => s.lang);
  const hasTrigger = useEditor((s) => s.nodes.some((n) => n.type === 'trigger'));
  const t = useT();
  const start = (kind: NodeKind) => (e: DragEvent) => {
    e.dataTransfer.setData(DRAG_MIME, kind);
    e.dataTransfer.effectAllowed = 'move';
  };
  return (
    <aside
      className="flex w-44 shrink-0 flex-col gap-1.5 overflow-y-auto border-r border-slate-200 bg-white p-2"
      aria-label={t('editor.palette.title')}
    >
      <div className="px-1 pb-1 text-xs font-semibold text-slate-500">{t('editor.palette.title')}</div>
      {PALETTE_KINDS.filter((kind) => kind !== 'trigger' || !hasTrigger).map((kind) => {
        const { Icon } = editorNodes[kind];
        const hint = t(hintKey(kind));
        return (
          <button
            key={kind}
            type="button"
            draggable
            onDragStart={start(kind)}
            onClick={() => onAdd(kind)}
            data-testid={`palette-${kind}`}
            title={hint}
            className="flex cursor-grab items-start gap-2 rounded-md border border-slate-200 bg-slate-50 px-2 py-1.5 text-left hover:border-line hover:bg-white active:cursor-grabbing"
          >
            <Icon className="mt-0.5 h-4 w-4 shrink-0 text-slate-600" />
            <span>
              <span className="block text-sm font-medium">{NODE_LABELS[kind][lang]}</span>
              <span className="block text-[11px] leading-tight text-slate-500">{hint}</span>
            </span>
          </button>
        );
      })}
      <div className="mt-auto px-1 pt-2 text-[11px] leading-snug text-slate-400">{t('editor.palette.tip')}</div>
    </aside>
  );
}
