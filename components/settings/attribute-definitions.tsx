'use client';
// Attribute definitions: the typed friend fields scenarios branch on; add one, edit its label or enum options, delete.
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionError, ActionResult } from '@/lib/ui-types';

type Type = 'string' | 'number' | 'boolean' | 'date' | 'enum';
interface Def {
  key: string;
  label: string;
  type: Type;
  options: string[] | null;
}

/** Server actions the page passes in (the server validates every input). */
interface DefActions {
  createAttributeAction: (input: { key: string; label: string; type: Type; options?: string[] }) => Promise<ActionResult>;
  editAttributeAction: (input: { key: string; label: string; options?: string[] }) => Promise<ActionResult>;
  deleteAttributeAction: (key: string) => Promise<ActionResult>;
}

const types: Type[] = ['string', 'number', 'boolean', 'date', 'enum'];
const field = 'rounded-md border border-slate-300 px-2 py-1 text-sm';
const splitOptions = (s: string) =>
  s
    .split(/[,、\n]/)
    .map((o) => o.trim())
    .filter(Boolean);
const describe = (e: ActionError) =>
  e.issues.length > 0 ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' / ') : e.message;

export function AttributeDefinitions({
  lang,
  defs,
  createAttributeAction,
  editAttributeAction,
  deleteAttributeAction,
}: { lang: Lang; defs: Def[] } & DefActions) {
  const [draft, setDraft] = useState({ key: '', label: '', type: 'string' as Type, options: '' });
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <section id="attributes" className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5" data-testid="attribute-definitions">
      <h2 className="mb-1 text-lg font-semibold">{t(lang, 'settings.attrs.title')}</h2>
      <p className="mb-3 text-sm text-slate-500">{t(lang, 'settings.attrs.help')}</p>
      <table className="mb-4 w-full text-sm">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="py-1">{t(lang, 'settings.attrs.key')}</th>
            <th className="py-1">{t(lang, 'settings.attrs.label')}</th>
            <th className="py-1">{t(lang, 'settings.attrs.type')}</th>
            <th className="py-1">{t(lang, 'settings.attrs.options')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {defs.map((d) => (
            <DefRow
              key={d.key}
              lang={lang}
              def={d}
              editAttributeAction={editAttributeAction}
              deleteAttributeAction={deleteAttributeAction}
            />
          ))}
        </tbody>
      </table>
      <form
        className="flex flex-wrap items-end gap-2 rounded-md bg-slate-50 p-3"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const r = await createAttributeAction({
              key: draft.key,
              label: draft.label,
              type: draft.type,
              ...(draft.type === 'enum' ? { options: splitOptions(draft.options) } : {}),
            });
            if (r.ok) {
              setDraft({ key: '', label: '', type: 'string', options: '' });
              setError(null);
            } else setError(describe(r.error));
          });
        }}
      >
        <label className="flex flex-col text-xs text-slate-500">
          {t(lang, 'settings.attrs.key')}
          <input
            value={draft.key}
            onChange={(e) => setDraft({ ...draft, key: e.target.value })}
            placeholder="rank"
            className={`${field} w-32 font-mono`}
          />
        </label>
        <label className="flex flex-col text-xs text-slate-500">
          {t(lang, 'settings.attrs.label')}
          <input
            value={draft.label}
            onChange={(e) => setDraft({ ...draft, label: e.target.value })}
            placeholder="会員ランク"
            className={`${field} w-40`}
          />
        </label>
        <label className="flex flex-col text-xs text-slate-500">
          {t(lang, 'settings.attrs.type')}
          <select
            value={draft.type}
            onChange={(e) => setDraft({ ...draft, type: types.find((ty) => ty === e.target.value) ?? 'string' })}
            className={field}
          >
            {types.map((ty) => (
              <option key={ty} value={ty}>
                {t(lang, `settings.attrs.type.${ty}`)}
              </option>
            ))}
          </select>
        </label>
        {draft.type === 'enum' ? (
          <label className="flex flex-col text-xs text-slate-500">
            {t(lang, 'settings.attrs.options')}
            <input
              value={draft.options}
              onChange={(e) => setDraft({ ...draft, options: e.target.value })}
              placeholder="gold, silver, bronze"
              className={`${field} w-56`}
            />
          </label>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-line px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        >
          {t(lang, 'settings.attrs.add')}
        </button>
      </form>
      {error ? <p className="mt-2 text-sm text-rose-700">{error}</p> : null}
    </section>
  );
}

function DefRow({
  lang,
  def,
  editAttributeAction,
  deleteAttributeAction,
}: { lang: Lang; def: Def } & Pick<DefActions, 'editAttributeAction' | 'deleteAttributeAction'>) {
  const [editing, setEditing] = useState(false);
  const [label, setLabel] = useState(def.label);
  const [options, setOptions] = useState((def.options ?? []).join(', '));
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const act = (fn: () => Promise<ActionResult>, after?: () => void) =>
    start(async () => {
      const r = await fn();
      if (r.ok) {
        setError(null);
        after?.();
      } else setError(describe(r.error));
    });
  return (
    <tr className="border-t border-slate-100 align-top">
      <td className="py-1.5 pr-2 font-mono text-xs">{def.key}</td>
      <td className="py-1.5 pr-2">
        {editing ? <input value={label} onChange={(e) => setLabel(e.target.value)} className={`${field} w-full`} /> : def.label}
      </td>
      <td className="py-1.5 pr-2 text-xs">{t(lang, `settings.attrs.type.${def.type}`)}</td>
      <td className="py-1.5 pr-2 text-xs">
        {editing && def.type === 'enum' ? (
          <input value={options} onChange={(e) => setOptions(e.target.value)} className={`${field} w-full`} />
        ) : (
          (def.options ?? []).join(', ')
        )}
        {error ? <div className="text-rose-700">{error}</div> : null}
      </td>
      <td className="whitespace-nowrap py-1.5 text-right">
        {editing ? (
          <>
            <button
              type="button"
              disabled={pending}
              onClick={() =>
                act(
                  () => editAttributeAction({ key: def.key, label, ...(def.type === 'enum' ? { options: splitOptions(options) } : {}) }),
                  () => setEditing(false),
                )
              }
              className="mr-1 rounded bg-line px-2 py-0.5 text-xs text-white"
            >
              {t(lang, 'common.save')}
            </button>
            <button type="button" onClick={() => setEditing(false)} className="px-1 text-xs text-slate-500">
              {t(lang, 'common.cancel')}
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={() => setEditing(true)} className="mr-1 rounded border border-slate-300 px-2 py-0.5 text-xs">
              {t(lang, 'common.edit')}
            </button>
            <button
              type="button"
              disabled={pending}
              onClick={() => window.confirm(t(lang, 'settings.attrs.deleteConfirm')) && act(() => deleteAttributeAction(def.key))}
              className="rounded border border-rose-300 px-2 py-0.5 text-xs text-rose-700"
            >
              {t(lang, 'common.delete')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
