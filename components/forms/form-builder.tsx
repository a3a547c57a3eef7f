'use client';
// The form builder: title, slug, texts and the fields (type, question, help, required, choices, the attribute the
// answer is saved to, offered only where the attribute's type fits). Saving answers every problem under its field.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult, AttributeDefinitionRow } from '@/lib/ui-types';
import { compatibleAttributeTypes, FORM_FIELD_TYPES, isChoice, type FormFieldType } from '@/scenario/forms';

interface FieldDraft {
  id: string;
  type: FormFieldType;
  label: string;
  help: string;
  required: boolean;
  options: string;
  attribute: string;
}

export interface FormDraft {
  slug: string;
  title: string;
  description: string;
  thanks: string;
  fields: FieldDraft[];
}

const INPUT = 'mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm';

function nextFieldId(fields: FieldDraft[]): string {
  for (let i = fields.length + 1; ; i++) if (!fields.some((f) => f.id === `q${i}`)) return `q${i}`;
}

export function FormBuilder(props: {
  lang: Lang;
  formId: string | null;
  initial: FormDraft;
  attributes: AttributeDefinitionRow[];
  canEdit: boolean;
  save: (input: unknown) => Promise<ActionResult<{ id: string }>>;
}) {
  const { lang, attributes, canEdit } = props;
  const router = useRouter();
  const [draft, setDraft] = useState<FormDraft>(props.initial);
  const [issues, setIssues] = useState<{ path: (string | number)[]; message: string }[]>([]);
  const [status, setStatus] = useState<'idle' | 'saved' | 'failed'>('idle');
  const [pending, start] = useTransition();

  const set = (patch: Partial<FormDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setField = (i: number, patch: Partial<FieldDraft>) =>
    setDraft((d) => ({ ...d, fields: d.fields.map((f, j) => (j === i ? { ...f, ...patch } : f)) }));
  const move = (i: number, by: -1 | 1) =>
    setDraft((d) => {
      const fields = [...d.fields];
      const [f] = fields.splice(i, 1);
      if (f) fields.splice(i + by, 0, f);
      return { ...d, fields };
    });
  const issueAt = (...path: (string | number)[]) =>
    issues
      .filter((x) => path.every((p, k) => x.path[k + 1] === p))
      .map((x) => x.message)
      .join(' / ');

  const onSave = () =>
    start(async () => {
      const definition = {
        ...draft,
        fields: draft.fields.map((f) => ({
          ...f,
          options: isChoice(f.type)
            ? f.options
                .split('\n')
                .map((o) => o.trim())
                .filter((o) => o !== '')
            : [],
          attribute: f.attribute === '' ? null : f.attribute,
        })),
      };
      const r = await props.save({ id: props.formId, definition });
      if (r.ok) {
        setIssues([]);
        setStatus('saved');
        if (!props.formId) router.replace(`/forms/${r.id}`);
        else router.refresh();
      } else {
        setIssues(r.error.issues.length > 0 ? r.error.issues : [{ path: [], message: r.error.message }]);
        setStatus('failed');
      }
    });

  const text = (label: string, value: string, onChange: (v: string) => void, testId: string, error = '', long = false) => (
    <label className="block text-sm">
      <span className="font-medium">{label}</span>
      {long ? (
        <textarea
          className={INPUT}
          rows={2}
          value={value}
          disabled={!canEdit}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
      ) : (
        <input className={INPUT} value={value} disabled={!canEdit} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
      )}
      {error ? <span className="text-xs text-rose-700">{error}</span> : null}
    </label>
  );

  return (
    <div className="flex flex-col gap-4" data-testid="form-builder">
      {!canEdit ? <p className="rounded-md bg-slate-100 p-2 text-sm text-slate-600">{t(lang, 'forms.builder.readOnly')}</p> : null}
      <div className="grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4">
        {text(t(lang, 'forms.builder.formTitle'), draft.title, (v) => set({ title: v }), 'form-title', issueAt('title'))}
        {props.formId === null ? (
          text(t(lang, 'forms.builder.slug'), draft.slug, (v) => set({ slug: v }), 'form-slug', issueAt('slug'))
        ) : (
          // Fixed once created: links already sent and scenarios' {{form:slug}} carry it (lib/forms/save-form.ts).
          <div className="block text-sm">
            <span className="font-medium">{t(lang, 'forms.builder.slug')}</span>
            <input className={`${INPUT} bg-slate-50`} value={draft.slug} readOnly disabled data-testid="form-slug" />
            <span className="text-xs text-slate-500" data-testid="form-slug-fixed">
              {t(lang, 'forms.builder.slugFixed')}
            </span>
          </div>
        )}
        {text(
          t(lang, 'forms.builder.description'),
          draft.description,
          (v) => set({ description: v }),
          'form-description',
          issueAt('description'),
          true,
        )}
        {text(t(lang, 'forms.builder.thanks'), draft.thanks, (v) => set({ thanks: v }), 'form-thanks-text', issueAt('thanks'), true)}
        <p className="col-span-2 text-sm text-slate-600">
          {t(lang, 'forms.builder.placeholder')}{' '}
          <code className="rounded bg-slate-100 px-1" data-testid="form-placeholder">{`{{form:${draft.slug}}}`}</code>
        </p>
      </div>
      <h2 className="text-lg font-bold">{t(lang, 'forms.builder.fields')}</h2>
      {issueAt('fields') && !draft.fields.length ? <p className="text-sm text-rose-700">{issueAt('fields')}</p> : null}
      {draft.fields.map((f, i) => {
        const fits = attributes.filter((a) => compatibleAttributeTypes(f.type).includes(a.type));
        return (
          <div key={i} className="grid grid-cols-6 gap-3 rounded-lg border border-slate-200 bg-white p-4" data-testid={`form-field-${i}`}>
            <label className="col-span-2 block text-sm">
              <span className="font-medium">{t(lang, 'forms.builder.fieldType')}</span>
              <select
                className={INPUT}
                value={f.type}
                disabled={!canEdit}
                onChange={(e) => setField(i, { type: e.target.value as FormFieldType, attribute: '' })}
                data-testid={`form-field-${i}-type`}
              >
                {FORM_FIELD_TYPES.map((ty) => (
                  <option key={ty} value={ty}>
                    {t(lang, `forms.type.${ty}`)}
                  </option>
                ))}
              </select>
            </label>
            <div className="col-span-3">
              {text(
                t(lang, 'forms.builder.label'),
                f.label,
                (v) => setField(i, { label: v }),
                `form-field-${i}-label`,
                issueAt('fields', i, 'label'),
              )}
            </div>
            <label className="flex items-end gap-2 pb-1 text-sm">
              <input
                type="checkbox"
                checked={f.required}
                disabled={!canEdit}
                onChange={(e) => setField(i, { required: e.target.checked })}
                data-testid={`form-field-${i}-required`}
              />
              {t(lang, 'forms.builder.required')}
            </label>
            <div className="col-span-3">
              {text(
                t(lang, 'forms.builder.help'),
                f.help,
                (v) => setField(i, { help: v }),
                `form-field-${i}-help`,
                issueAt('fields', i, 'help'),
              )}
            </div>
            <label className="col-span-3 block text-sm">
              <span className="font-medium">{t(lang, 'forms.builder.attribute')}</span>
              <select
                className={INPUT}
                value={f.attribute}
                disabled={!canEdit}
                onChange={(e) => setField(i, { attribute: e.target.value })}
                data-testid={`form-field-${i}-attribute`}
              >
                <option value="">{t(lang, 'forms.builder.attributeNone')}</option>
                {fits.map((a) => (
                  <option key={a.key} value={a.key}>
                    {a.label} ({a.key})
                  </option>
                ))}
              </select>
              {issueAt('fields', i, 'attribute') ? (
                <span className="text-xs text-rose-700">{issueAt('fields', i, 'attribute')}</span>
              ) : null}
            </label>
            {isChoice(f.type) ? (
              <div className="col-span-6">
                {text(
                  t(lang, 'forms.builder.options'),
                  f.options,
                  (v) => setField(i, { options: v }),
                  `form-field-${i}-options`,
                  issueAt('fields', i, 'options'),
                  true,
                )}
              </div>
            ) : null}
            {issueAt('fields', i, 'id') ? <p className="col-span-6 text-xs text-rose-700">{issueAt('fields', i, 'id')}</p> : null}
            {canEdit ? (
              <div className="col-span-6 flex gap-3 text-xs">
                <button type="button" disabled={i === 0} onClick={() => move(i, -1)} className="underline disabled:opacity-40">
                  {t(lang, 'forms.builder.moveUp')}
                </button>
                <button
                  type="button"
                  disabled={i === draft.fields.length - 1}
                  onClick={() => move(i, 1)}
                  className="underline disabled:opacity-40"
                >
                  {t(lang, 'forms.builder.moveDown')}
                </button>
                <button
                  type="button"
                  onClick={() => setDraft((d) => ({ ...d, fields: d.fields.filter((_, j) => j !== i) }))}
                  className="text-rose-700 underline"
                  data-testid={`form-field-${i}-remove`}
                >
                  {t(lang, 'forms.builder.remove')}
                </button>
              </div>
            ) : null}
          </div>
        );
      })}
      {canEdit ? (
        <div className="flex items-center gap-4">
          <button
            type="button"
            onClick={() =>
              setDraft((d) => ({
                ...d,
                fields: [
                  ...d.fields,
                  { id: nextFieldId(d.fields), type: 'text', label: '', help: '', required: false, options: '', attribute: '' },
                ],
              }))
            }
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
            data-testid="form-add-field"
          >
            {t(lang, 'forms.builder.addField')}
          </button>
          <button
            type="button"
            disabled={pending}
            onClick={onSave}
            className="rounded-md bg-line px-4 py-2 text-sm font-medium text-white hover:bg-line-dark disabled:opacity-60"
            data-testid="form-save"
          >
            {t(lang, 'forms.builder.save')}
          </button>
          {status === 'saved' ? (
            <span className="text-sm text-emerald-700" data-testid="form-saved">
              {t(lang, 'forms.builder.saved')}
            </span>
          ) : null}
          {status === 'failed' ? (
            <span className="text-sm text-rose-700" data-testid="form-save-error">
              {t(lang, 'forms.builder.failed')}{' '}
              {issues
                .filter((x) => x.path.length <= 1)
                .map((x) => x.message)
                .join(' / ')}
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
