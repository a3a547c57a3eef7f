// 回答フォーム: every form with its placeholder for messages and its response count; "new form" for editors.
import Link from 'next/link';
import { listForms } from '@/db/queries/forms';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { formatInstant } from '@/lib/format';
import { formDefinitionOf } from '@/lib/forms/save-form';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { ListTable } from '@/components/ui/list-table';

export const dynamic = 'force-dynamic';

export default async function FormsPage() {
  const { operator } = await requirePage('scenarios:read', '/forms');
  const lang = await currentLang();
  const rows = await listForms(appDeps().db);
  return (
    <div className="mx-auto max-w-6xl p-8">
      <div className="mb-2 flex items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t(lang, 'forms.title')}</h1>
        {can(operator, 'scenarios:edit') ? (
          <Link
            href="/forms/new"
            className="rounded-md bg-line px-4 py-2 text-sm font-medium text-white hover:bg-line-dark"
            data-testid="form-new"
          >
            {t(lang, 'forms.new')}
          </Link>
        ) : null}
      </div>
      <p className="mb-6 max-w-3xl text-sm text-slate-600">{t(lang, 'forms.help')}</p>
      <ListTable
        headers={[
          t(lang, 'forms.col.title'),
          t(lang, 'forms.col.placeholder'),
          t(lang, 'forms.col.fields'),
          t(lang, 'forms.col.responses'),
          t(lang, 'forms.col.updated'),
        ]}
        empty={t(lang, 'forms.empty')}
        isEmpty={rows.length === 0}
        testId="form-list"
      >
        {rows.map((r) => (
          <tr key={r.id} className="border-t border-slate-100">
            <td className="px-4 py-2">
              <Link href={`/forms/${r.id}`} className="font-medium text-line-dark hover:underline">
                {r.title}
              </Link>
            </td>
            <td className="px-4 py-2 font-mono text-xs">{`{{form:${r.slug}}}`}</td>
            <td className="px-4 py-2">{formDefinitionOf(r).fields.length}</td>
            <td className="px-4 py-2">
              <Link href={`/forms/${r.id}/responses`} className="hover:underline">
                {r.responses}
              </Link>
            </td>
            <td className="px-4 py-2 text-slate-500">{formatInstant(r.updatedAt, lang)}</td>
          </tr>
        ))}
      </ListTable>
    </div>
  );
}
