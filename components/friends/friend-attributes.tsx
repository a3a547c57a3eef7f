'use client';
// A friend's attributes against their definitions, each with a visible 編集 button (typed text, checked on the server); read-only
// without the action (a role that may not edit friends).
import { Pencil } from 'lucide-react';
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';
import type { AttributeValue } from '@/scenario/schema';

interface Def {
  key: string;
  label: string;
  type: 'string' | 'number' | 'boolean' | 'date' | 'enum';
  options: string[] | null;
}

/** The server action the page passes in: set one attribute from the typed text (the server parses it by the definition). */
type SetAttribute = (friendId: string, key: string, value: string) => Promise<ActionResult>;

export function FriendAttributes({
  lang,
  friendId,
  defs,
  values,
  setAttributeAction,
}: {
  lang: Lang;
  friendId: string;
  defs: Def[];
  values: Record<string, AttributeValue>;
  setAttributeAction?: SetAttribute;
}) {
  if (defs.length === 0) return <p className="text-sm text-slate-400">{t(lang, 'friend.noAttributeDefs')}</p>;
  const undefinedKeys = Object.keys(values).filter((k) => !defs.some((d) => d.key === k));
  return (
    <table className="w-full text-sm" data-testid="friend-attributes">
      <tbody>
        {defs.map((d) => (
          <AttributeRow key={d.key} lang={lang} friendId={friendId} def={d} value={values[d.key]} setAttributeAction={setAttributeAction} />
        ))}
        {undefinedKeys.map((k) => (
          <tr key={k} className="border-t border-slate-100 text-slate-400">
            <td className="py-1.5 pr-2">{k}</td>
            <td className="py-1.5">{String(values[k])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AttributeRow({
  lang,
  friendId,
  def,
  value,
  setAttributeAction,
}: {
  lang: Lang;
  friendId: string;
  def: Def;
  value: AttributeValue | undefined;
  setAttributeAction?: SetAttribute;
}) {
  const shown = value === undefined || value === null ? '' : String(value);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const save = () =>
    start(async () => {
      if (!setAttributeAction) return;
      const r = await setAttributeAction(friendId, def.key, draft);
      if (r.ok) {
        setEditing(false);
        setError(null);
      } else setError(r.error.message);
    });
  return (
    <tr className="border-t border-slate-100 align-top">
      <td className="w-1/3 py-1.5 pr-2 text-slate-500">
        {def.label}
        <div className="font-mono text-[10px] text-slate-400">
          <span translate="no">{def.key}</span> · {t(lang, `settings.attrs.type.${def.type}`)}
        </div>
      </td>
      <td className="py-1.5">
        {!setAttributeAction ? (
          shown === '' ? (
            <span className="text-slate-300">—</span>
          ) : (
            shown
          )
        ) : editing ? (
          <div className="flex flex-col gap-1">
            <div className="flex gap-1">
              {def.type === 'enum' || def.type === 'boolean' ? (
                <select
                  value={draft}
                  onChange={(e) => setDraft(e.target.value)}
                  className="rounded border border-slate-300 px-1 py-0.5 text-sm"
                >
                  <option value="">—</option>
                  {(def.type === 'enum' ? (def.options ?? []) : ['true', 'false']).map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  value={draft}
                  onChange={(e) => setDraft(e.target.value)}
                  type={def.type === 'date' ? 'date' : def.type === 'number' ? 'number' : 'text'}
                  className="min-w-0 flex-1 rounded border border-slate-300 px-1 py-0.5 text-sm"
                />
              )}
              <button
                type="button"
                onClick={save}
                disabled={pending}
                className="rounded bg-line px-2 text-xs text-white disabled:opacity-50"
              >
                {t(lang, 'common.save')}
              </button>
              <button type="button" onClick={() => setEditing(false)} className="px-1 text-xs text-slate-500">
                {t(lang, 'common.cancel')}
              </button>
            </div>
            {error ? <span className="text-xs text-rose-700">{error}</span> : null}
          </div>
        ) : (
          <div className="flex items-center gap-2">
            <span className="min-w-0 flex-1 break-words">{shown === '' ? <span className="text-slate-400">—</span> : shown}</span>
            <button
              type="button"
              onClick={() => (setDraft(shown), setEditing(true))}
              className="flex shrink-0 items-center gap-1 rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-600 hover:border-line hover:bg-slate-50"
              aria-label={t(lang, 'friend.attr.editLabel').replace('{label}', def.label)}
              data-testid={`attr-edit-${def.key}`}
            >
              <Pencil className="h-3 w-3" aria-hidden />
              {t(lang, 'friend.attr.edit')}
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}
