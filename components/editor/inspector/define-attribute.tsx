'use client';
// Defining a missing friend attribute where it is used: a condition (or a date wait) on an undefined key offers an inline
// form (label, type, allowed values) that calls the settings page's own server action; the editor then knows the key.
import { createContext, useContext, useState, useTransition } from 'react';
import Link from 'next/link';
import type { AttributeType } from '@/scenario/friend';
import type { ActionResult } from '@/lib/ui-types';
import { useEditor, useT } from '../editor-context';
import { inputClass } from './fields';

export type DefineAttributeInput = { key: string; label: string; type: AttributeType; options?: string[] };
export type DefineAttribute = (input: DefineAttributeInput) => Promise<ActionResult>;

/** The page passes the server action in when the operator may manage attributes; null: they may not. */
const DefineContext = createContext<DefineAttribute | null>(null);
export const DefineAttributeProvider = DefineContext.Provider;

const TYPES: AttributeType[] = ['string', 'number', 'boolean', 'date', 'enum'];
const splitOptions = (s: string) =>
  s
    .split(/[,、\n]/)
    .map((o) => o.trim())
    .filter(Boolean);

/** The type the condition's own value suggests: 'gold' or ['gold', 'platinum'] → a choice, 3 → number, '1990-05-01' → date. */
export function guessDefinition(used: unknown): { type: AttributeType; options: string[] } {
  const values = (Array.isArray(used) ? used : [used]).filter((v) => v !== undefined && v !== '');
  if (values.length > 0 && values.every((v) => typeof v === 'number')) return { type: 'number', options: [] };
  if (values.length > 0 && values.every((v) => typeof v === 'boolean')) return { type: 'boolean', options: [] };
  if (values.length > 0 && values.every((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)))
    return { type: 'date', options: [] };
  const strings = values.filter((v): v is string => typeof v === 'string');
  return strings.length > 0 ? { type: 'enum', options: [...new Set(strings)] } : { type: 'string', options: [] };
}

export function UndefinedAttribute({
  attrKey,
  used,
  fixedType,
  testId,
}: {
  attrKey: string;
  used?: unknown;
  fixedType?: AttributeType;
  testId: string;
}) {
  const t = useT();
  const define = useContext(DefineContext);
  const open = useEditor((s) => s.defining === attrKey);
  const setDefining = useEditor((s) => s.setDefining);
  return (
    <div className="mt-1 rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900" data-testid={`${testId}-undefined`}>
      <p>{t('editor.attr.undefined').replace('{key}', attrKey)}</p>
      {define ? (
        open ? (
          <DefineForm
            attrKey={attrKey}
            used={used}
            fixedType={fixedType}
            define={define}
            onCancel={() => setDefining(null)}
            testId={testId}
          />
        ) : (
          <button
            type="button"
            onClick={() => setDefining(attrKey)}
            className="mt-1 rounded border border-amber-400 bg-white px-2 py-0.5 font-medium text-amber-900 hover:bg-amber-100"
            data-testid={`${testId}-define`}
          >
            {t('editor.attr.define')}
          </button>
        )
      ) : (
        <p className="mt-1">
          {t('editor.attr.noPermission')}{' '}
          <Link href="/settings#attributes" className="underline">
            {t('editor.attr.inSettings')}
          </Link>
        </p>
      )}
    </div>
  );
}

function DefineForm({
  attrKey,
  used,
  fixedType,
  define,
  onCancel,
  testId,
}: {
  attrKey: string;
  used: unknown;
  fixedType?: AttributeType;
  define: DefineAttribute;
  onCancel: () => void;
  testId: string;
}) {
  const t = useT();
  const addAttribute = useEditor((s) => s.addAttribute);
  const guess = guessDefinition(used);
  const [label, setLabel] = useState(attrKey);
  const [type, setType] = useState<AttributeType>(fixedType ?? guess.type);
  const [options, setOptions] = useState(guess.options.join(', '));
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const submit = () =>
    start(async () => {
      const opts = type === 'enum' ? splitOptions(options) : undefined;
      const r = await define({ key: attrKey, label: label.trim() || attrKey, type, ...(opts ? { options: opts } : {}) });
      if (!r.ok) {
        const e = r.error;
        setError(e.issues.length > 0 ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' / ') : e.message);
        return;
      }
      addAttribute({ key: attrKey, label: label.trim() || attrKey, type, ...(opts ? { options: opts } : {}) });
    });
  return (
    <div className="mt-2 space-y-1.5 rounded border border-amber-200 bg-white p-2 text-slate-700" data-testid={`${testId}-define-form`}>
      <div className="text-xs font-semibold">{t('editor.attr.defineTitle').replace('{key}', attrKey)}</div>
      <label className="block">
        <span className="block text-[11px] text-slate-500">{t('settings.attrs.label')}</span>
        <input className={inputClass} value={label} onChange={(e) => setLabel(e.target.value)} data-testid={`${testId}-define-label`} />
      </label>
      <label className="block">
        <span className="block text-[11px] text-slate-500">{t('settings.attrs.type')}</span>
        <select
          className={inputClass}
          value={type}
          disabled={fixedType !== undefined}
          onChange={(e) => setType(TYPES.find((x) => x === e.target.value) ?? 'string')}
          data-testid={`${testId}-define-type`}
        >
          {TYPES.map((x) => (
            <option key={x} value={x}>
              {t(`settings.attrs.type.${x}`)}
            </option>
          ))}
        </select>
      </label>
      {type === 'enum' && (
        <label className="block">
          <span className="block text-[11px] text-slate-500">{t('editor.attr.optionsHint')}</span>
          <input
            className={inputClass}
            value={options}
            onChange={(e) => setOptions(e.target.value)}
            placeholder="gold, silver, bronze"
            data-testid={`${testId}-define-options`}
          />
        </label>
      )}
      {error && <p className="text-rose-700">{error}</p>}
      <div className="flex gap-1">
        <button
          type="button"
          disabled={pending}
          onClick={submit}
          className="rounded bg-line px-2 py-0.5 text-xs font-medium text-white disabled:opacity-50"
          data-testid={`${testId}-define-save`}
        >
          {t('editor.attr.save')}
        </button>
        <button type="button" onClick={onCancel} className="px-1 text-xs text-slate-500">
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
