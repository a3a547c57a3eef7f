// A form's responses, newest first, with each friend's name and answers (personal data: friends:read_details); the CSV
// download for those who may export friends.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { findFormById, listResponses } from '@/db/queries/forms';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { formatInstant } from '@/lib/format';
import { formDefinitionOf } from '@/lib/forms/save-form';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { answerText, StoredAnswersSchema } from '@/scenario/forms';

export const dynamic = 'force-dynamic';

const SHOWN = 500;

export default async function FormResponsesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { operator } = await requirePage('friends:read_details', `/forms/${id}/responses`);
  const lang = await currentLang();
  const { db } = appDeps();
  const form = z.uuid().safeParse(id).success ? await findFormById(db, id) : null;
  if (!form) notFound();
  const def = formDefinitionOf(form);
  const rows = await listResponses(db, form.id, SHOWN);
  return (
    <div className="mx-auto max-w-6xl p-8">
      <Link href={`/forms/${form.id}`} className="text-sm text-slate-500 hover:underline">
        ← {form.title}
      </Link>
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-2xl font-bold">{t(lang, 'forms.responses.title')}</h1>
        {can(operator, 'friends:export') ? (
          <a
            href={`/forms/${form.id}/responses.csv`}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
            data-testid="form-responses-csv"
          >
            {t(lang, 'forms.responses.csv')}
          </a>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          {t(lang, 'forms.responses.empty')}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm" data-testid="form-responses">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="whitespace-nowrap px-3 py-2">{t(lang, 'forms.responses.at')}</th>
                <th className="whitespace-nowrap px-3 py-2">{t(lang, 'forms.responses.friend')}</th>
                {def.fields.map((f) => (
                  <th key={f.id} className="px-3 py-2">
                    {f.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const answers = StoredAnswersSchema.parse(r.answers);
                return (
                  <tr key={r.id} className="border-t border-slate-100 align-top">
                    <td className="whitespace-nowrap px-3 py-2 text-slate-500">{formatInstant(r.submittedAt, lang)}</td>
                    <td className="whitespace-nowrap px-3 py-2">
                      <Link href={`/friends/${r.friendId}`} className="text-line-dark hover:underline">
                        {r.displayName || r.friendId.slice(0, 8)}
                      </Link>
                      {r.isTest ? <span className="ml-1 rounded bg-amber-100 px-1 text-xs">{t(lang, 'forms.responses.test')}</span> : null}
                    </td>
                    {def.fields.map((f) => (
                      <td key={f.id} className="whitespace-pre-line px-3 py-2">
                        {answerText(answers[f.id])}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
