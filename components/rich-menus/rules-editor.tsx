'use client';
// Per-segment rules: tag or attribute condition → menu, tried top to bottom, the first match wins, else the default.
// Saved rules apply to a friend whenever their tags or attributes change.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';
import type { Condition } from '@/scenario/conditions';

const INPUT = 'rounded-md border border-slate-300 px-2 py-1 text-sm';

export type RuleRow = { menuId: string; condition: Condition };
type Editable = { menuId: string; kind: 'tag' | 'attribute'; tag: string; key: string; value: string };

function toEditable(r: RuleRow): Editable {
  const c = r.condition;
  if (c.type === 'attribute')
    return { menuId: r.menuId, kind: 'attribute', tag: '', key: c.key, value: c.value === undefined ? '' : String(c.value) };
  return { menuId: r.menuId, kind: 'tag', tag: c.type === 'tag' ? c.tag : '', key: '', value: '' };
}
function toRule(e: Editable): RuleRow {
  return {
    menuId: e.menuId,
    condition:
      e.kind === 'tag' ? { type: 'tag', tag: e.tag.trim(), has: true } : { type: 'attribute', key: e.key.trim(), op: 'eq', value: e.value },
  };
}

export function RulesEditor(props: {
  lang: Lang;
  rules: RuleRow[];
  menus: { id: string; name: string }[];
  canEdit: boolean;
  save: (rules: unknown) => Promise<ActionResult>;
}) {
  const { lang } = props;
  const router = useRouter();
  const [rows, setRows] = useState<Editable[]>(props.rules.map(toEditable));
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const set = (i: number, patch: Partial<Editable>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const ro = !props.canEdit;
  return (
    <div className="space-y-2" data-testid="rich-menu-rules">
      {rows.map((r, i) => (
        <div
          key={i}
          className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-white p-2 text-sm"
          data-testid={`rich-menu-rule-${i}`}
        >
          <span className="w-6 text-slate-500">{i + 1}.</span>
          <select
            className={INPUT}
            value={r.kind}
            disabled={ro}
            onChange={(e) => set(i, { kind: e.target.value === 'attribute' ? 'attribute' : 'tag' })}
            data-testid="rule-kind"
          >
            <option value="tag">{t(lang, 'richMenus.rules.tag')}</option>
            <option value="attribute">{t(lang, 'richMenus.rules.attribute')}</option>
          </select>
          {r.kind === 'tag' ? (
            <input
              className={INPUT}
              value={r.tag}
              disabled={ro}
              placeholder="VIP"
              onChange={(e) => set(i, { tag: e.target.value })}
              data-testid="rule-tag"
            />
          ) : (
            <>
              <input
                className={INPUT}
                value={r.key}
                disabled={ro}
                placeholder="rank"
                onChange={(e) => set(i, { key: e.target.value })}
                data-testid="rule-key"
              />
              <span>=</span>
              <input
                className={INPUT}
                value={r.value}
                disabled={ro}
                placeholder="gold"
                onChange={(e) => set(i, { value: e.target.value })}
                data-testid="rule-value"
              />
            </>
          )}
          <span>→</span>
          <select
            className={INPUT}
            value={r.menuId}
            disabled={ro}
            onChange={(e) => set(i, { menuId: e.target.value })}
            data-testid="rule-menu"
          >
            {props.menus.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="ml-auto text-xs text-slate-600 hover:underline disabled:opacity-40"
            disabled={ro || i === 0}
            onClick={() => setRows([...rows.slice(0, i - 1), r, rows[i - 1] as Editable, ...rows.slice(i + 1)])}
          >
            {t(lang, 'richMenus.rules.up')}
          </button>
          <button
            type="button"
            className="text-xs text-rose-700 hover:underline disabled:opacity-40"
            disabled={ro}
            onClick={() => setRows(rows.filter((_, k) => k !== i))}
          >
            {t(lang, 'richMenus.removeArea')}
          </button>
        </div>
      ))}
      {rows.length === 0 ? <p className="text-sm text-slate-500">{t(lang, 'richMenus.rules.empty')}</p> : null}
      <div className="flex items-center gap-2">
        <button
          type="button"
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm disabled:opacity-40"
          disabled={ro || props.menus.length === 0}
          onClick={() => setRows([...rows, { menuId: props.menus[0]?.id ?? '', kind: 'tag', tag: '', key: '', value: '' }])}
          data-testid="rule-add"
        >
          {t(lang, 'richMenus.rules.add')}
        </button>
        <button
          type="button"
          className="rounded-md bg-line px-3 py-1.5 text-sm font-medium text-white disabled:opacity-40"
          disabled={ro || pending}
          data-testid="rules-save"
          onClick={() =>
            start(async () => {
              const r = await props.save(rows.map(toRule));
              setMessage(r.ok ? t(lang, 'richMenus.saved') : r.error.message);
              if (r.ok) router.refresh();
            })
          }
        >
          {t(lang, 'richMenus.rules.save')}
        </button>
        {message ? (
          <span className="text-sm text-slate-600" data-testid="rules-message">
            {message}
          </span>
        ) : null}
      </div>
    </div>
  );
}
