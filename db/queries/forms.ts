// Named queries over forms and form_responses: the builder's saves, the public page's lookups and the responses list.
import { count, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { formResponses, forms, friends } from '../schema';

export type FormRow = typeof forms.$inferSelect;
export type FormResponseRow = typeof formResponses.$inferSelect;

export async function listForms(db: DbOrTx): Promise<(FormRow & { responses: number })[]> {
  const rows = await db
    .select({ form: forms, responses: count(formResponses.id) })
    .from(forms)
    .leftJoin(formResponses, eq(formResponses.formId, forms.id))
    .groupBy(forms.id)
    .orderBy(desc(forms.updatedAt));
  return rows.map((r) => ({ ...r.form, responses: r.responses }));
}

export async function findFormById(db: DbOrTx, id: string): Promise<FormRow | null> {
  const [row] = await db.select().from(forms).where(eq(forms.id, id));
  return row ?? null;
}

export async function findFormBySlug(db: DbOrTx, slug: string): Promise<FormRow | null> {
  const [row] = await db.select().from(forms).where(eq(forms.slug, slug));
  return row ?? null;
}

/** Null when another form holds the slug. */
export async function insertForm(
  db: DbOrTx,
  f: { slug: string; title: string; definition: unknown; createdBy: string },
): Promise<FormRow | null> {
  const [row] = await db.insert(forms).values(f).onConflictDoNothing({ target: forms.slug }).returning();
  return row ?? null;
}

export async function updateForm(db: DbOrTx, id: string, f: { slug: string; title: string; definition: unknown; updatedAt: Date }) {
  const [row] = await db.update(forms).set(f).where(eq(forms.id, id)).returning();
  return row ?? null;
}

/** The new response, or null when this submission key was stored before (a double submit). */
export async function insertResponseOnce(
  db: DbOrTx,
  r: { formId: string; friendId: string; answers: Record<string, unknown>; submissionKey: string; isTest: boolean; submittedAt: Date },
): Promise<FormResponseRow | null> {
  const [row] = await db.insert(formResponses).values(r).onConflictDoNothing({ target: formResponses.submissionKey }).returning();
  return row ?? null;
}

export async function findResponseByKey(db: DbOrTx, submissionKey: string): Promise<FormResponseRow | null> {
  const [row] = await db.select().from(formResponses).where(eq(formResponses.submissionKey, submissionKey));
  return row ?? null;
}

export async function setResponseEvent(db: DbOrTx, id: string, eventId: string): Promise<void> {
  await db.update(formResponses).set({ eventId }).where(eq(formResponses.id, id));
}

export type ResponseListRow = FormResponseRow & { displayName: string | null };

/** Newest first, with the friend's display name. */
export async function listResponses(db: DbOrTx, formId: string, limit = 10_000): Promise<ResponseListRow[]> {
  const rows = await db
    .select({ r: formResponses, displayName: friends.displayName })
    .from(formResponses)
    .innerJoin(friends, eq(friends.id, formResponses.friendId))
    .where(eq(formResponses.formId, formId))
    .orderBy(desc(formResponses.submittedAt))
    .limit(limit);
  return rows.map((x) => ({ ...x.r, displayName: x.displayName }));
}
