// A form's responses as CSV: one row per response, one column per field, JST times, UTF-8 with a BOM for Excel;
// every text a friend typed is escaped so a spreadsheet never runs it as a formula.
import 'server-only';
import Papa from 'papaparse';
import { listResponses, type FormRow } from '@/db/queries/forms';
import type { DbOrTx } from '@/db/client';
import { answerText, StoredAnswersSchema } from '@/scenario/forms';
import { formatInstant } from '../format';
import { escapeCell } from '../friends/csv-cells';
import type { Lang } from '../i18n/dictionary';
import { formDefinitionOf } from './save-form';

const HEADERS: Record<Lang, { at: string; friend: string; name: string; test: string }> = {
  ja: { at: '回答日時', friend: '友だちID', name: '表示名', test: 'テスト' },
  en: { at: 'Submitted at', friend: 'Friend id', name: 'Display name', test: 'Test' },
};

export async function responsesCsv(db: DbOrTx, form: FormRow, lang: Lang): Promise<string> {
  const def = formDefinitionOf(form);
  const rows = await listResponses(db, form.id);
  const h = HEADERS[lang];
  const fields = [h.at, h.friend, h.name, ...def.fields.map((f) => escapeCell(f.label)), h.test];
  const data = rows.map((r) => {
    const answers = StoredAnswersSchema.parse(r.answers);
    return [
      formatInstant(r.submittedAt, lang),
      r.friendId,
      escapeCell(r.displayName ?? ''),
      ...def.fields.map((f) => escapeCell(answerText(answers[f.id]))),
      r.isTest ? '1' : '',
    ];
  });
  return `\uFEFF${Papa.unparse({ fields, data }, { newline: '\r\n' })}\r\n`;
}

export function csvFileName(form: Pick<FormRow, 'slug'>, now: Date): string {
  return `kizuna-form-${form.slug}-${now.toISOString().slice(0, 10)}.csv`;
}
