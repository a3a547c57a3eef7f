// One form in the builder (/forms/new for a new one): editable with scenarios:edit, read-only otherwise.
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { z } from 'zod';
import { FormBuilder, type FormDraft } from '@/components/forms/form-builder';
import { listAttributeDefinitions } from '@/db/queries/attributes';
import { findFormById } from '@/db/queries/forms';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { formDefinitionOf } from '@/lib/forms/save-form';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { saveFormAction } from '../actions';

export const dynamic = 'force-dynamic';

const EMPTY: FormDraft = {
  slug: '',
  title: '',
  description: '',
  thanks: '',
  fields: [{ id: 'q1', type: 'text', label: '', help: '', required: true, options: '', attribute: '' }],
};

export default async function FormBuilderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { operator } = await requirePage('scenarios:read', `/forms/${id}`);
  const lang = await currentLang();
  const canEdit = can(operator, 'scenarios:edit');
  const { db } = appDeps();
  let initial = EMPTY;
  if (id === 'new') {
    if (!canEdit) forbidden();
  } else {
    const row = z.uuid().safeParse(id).success ? await findFormById(db, id) : null;
    if (!row) notFound();
    const def = formDefinitionOf(row);
    initial = {
      ...def,
      fields: def.fields.map((f) => ({ ...f, options: f.options.join('\n'), attribute: f.attribute ?? '' })),
    };
  }
  const attributes = await listAttributeDefinitions(db);
  return (
    <div className="mx-auto max-w-4xl p-8">
      <div className="mb-4 flex items-center justify-between">
        <div>
          <Link href="/forms" className="text-sm text-slate-500 hover:underline">
            ← {t(lang, 'forms.back')}
          </Link>
          <h1 className="text-2xl font-bold">{id === 'new' ? t(lang, 'forms.new') : t(lang, 'forms.builder.title')}</h1>
        </div>
        {id !== 'new' && can(operator, 'friends:read_details') ? (
          <Link href={`/forms/${id}/responses`} className="text-sm text-line-dark underline" data-testid="form-responses-link">
            {t(lang, 'forms.responses')}
          </Link>
        ) : null}
      </div>
      <FormBuilder
        lang={lang}
        formId={id === 'new' ? null : id}
        initial={initial}
        attributes={attributes}
        canEdit={canEdit}
        save={saveFormAction}
      />
    </div>
  );
}
