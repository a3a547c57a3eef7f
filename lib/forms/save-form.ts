// The builder's save: the definition checked (its own rules, then each attribute mapping against its definition).
import 'server-only';
import { z } from 'zod';
import { listAttributeDefinitions } from '@/db/queries/attributes';
import { findFormById, findFormBySlug, insertForm, updateForm, type FormRow } from '@/db/queries/forms';
import type { DbOrTx } from '@/db/client';
import { checkFormAttributes, FormDefinitionSchema, type FormDefinition } from '@/scenario/forms';
import { AppError, parseOrThrow, zodIssues } from '../errors';

const SaveSchema = z.object({ id: z.uuid().nullable(), definition: z.unknown() });

/** Creates (id null) or replaces a form; every problem is answered with its path and nothing is saved. */
export async function saveForm(db: DbOrTx, input: unknown, by: { email: string; now: Date }): Promise<FormRow> {
  const { id, definition } = parseOrThrow(SaveSchema, input);
  const parsed = FormDefinitionSchema.safeParse(definition);
  if (!parsed.success) throw new AppError('invalid:form', 'the form is invalid', zodIssues(parsed.error, ['definition']));
  const form = parsed.data;
  const attributeIssues = checkFormAttributes(form, await listAttributeDefinitions(db));
  if (attributeIssues.length > 0)
    throw new AppError(
      'invalid:form',
      'a field cannot be saved to its attribute',
      attributeIssues.map((i) => ({ ...i, path: ['definition', ...i.path] })),
    );
  const holder = await findFormBySlug(db, form.slug);
  const slugTaken = () =>
    new AppError('conflict:form_slug', `another form uses "${form.slug}"`, [{ path: ['definition', 'slug'], message: 'already used' }]);
  if (holder && holder.id !== id) throw slugTaken();
  if (id === null) {
    const row = await insertForm(db, { slug: form.slug, title: form.title, definition: form, createdBy: by.email });
    if (!row) throw slugTaken();
    return row;
  }
  const existing = await findFormById(db, id);
  if (!existing) throw new AppError('not_found:form', 'no such form');
  // The slug is in every form link already sent and in scenarios' {{form:slug}}: fixed once created, so none breaks.
  if (existing.slug !== form.slug)
    throw new AppError('invalid:form_slug', 'a form keeps its slug once created: links already sent carry it', [
      { path: ['definition', 'slug'], message: 'fixed once created' },
    ]);
  const row = await updateForm(db, id, { slug: form.slug, title: form.title, definition: form, updatedAt: by.now });
  if (!row) throw new AppError('not_found:form', 'no such form');
  return row;
}

/** A stored definition, parsed with the schema it was saved with. */
export function formDefinitionOf(row: Pick<FormRow, 'definition'>): FormDefinition {
  return FormDefinitionSchema.parse(row.definition);
}
