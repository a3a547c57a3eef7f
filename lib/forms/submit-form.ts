// A friend submits a form through their signed link: answers stored once per page load, mapped attributes set, and a
// `form_submitted` event written with its dispatch row (the path /api/events takes), all in one transaction.
import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { listAttributeDefinitions } from '@/db/queries/attributes';
import { ERASED_PREFIX } from '@/db/queries/erase-friend';
import { insertEventOnce } from '@/db/queries/events';
import { findFormBySlug, findResponseByKey, insertResponseOnce, setResponseEvent, type FormRow } from '@/db/queries/forms';
import { findFriendById, updateFriend, type FriendRow } from '@/db/queries/friends';
import type { Db } from '@/db/client';
import { friends } from '@/db/schema';
import { attributeValuesOf, checkAnswers, type AnswerProblem, type FormDefinition } from '@/scenario/forms';
import type { AttributeValue } from '@/scenario/friend';
import { checkAttributeValue } from '../friends/attributes';
import type { LineClient } from '../line/client';
import { syncRichMenusQuietly } from '../rich-menus/after-actions';
import { formDefinitionOf } from './save-form';
import { readFormLink } from './form-link';

export const FORM_SUBMITTED_EVENT = 'form_submitted';

export interface FormDeps {
  db: Db;
  now: () => Date;
  secret: string;
  /** Links the rich menu the rules pick after mapped attributes change (absent: nothing linked). */
  line?: LineClient;
}

export interface OpenForm {
  form: FormRow;
  definition: FormDefinition;
  friend: FriendRow;
}

/** The form and friend a link names, or null (forged, expired, no such form or friend): the page answers 404. */
export async function openFormLink(deps: FormDeps, token: string): Promise<OpenForm | null> {
  const link = readFormLink(token, { secret: deps.secret, now: deps.now() });
  if (!link) return null;
  const [form, friend] = await Promise.all([findFormBySlug(deps.db, link.slug), findFriendById(deps.db, link.friendId)]);
  // An erased friend's tombstone keeps its row but must never answer again.
  if (!form || !friend || friend.lineUserId.startsWith(ERASED_PREFIX)) return null;
  return { form, definition: formDefinitionOf(form), friend };
}

const SubmitSchema = z.object({
  token: z.string().min(1).max(400),
  /** Made when the page was rendered: the same nonce twice is one submit. */
  nonce: z.uuid(),
  values: z.record(z.string(), z.union([z.string().max(10_000), z.array(z.string().max(10_000)).max(60)])),
});

export type SubmitResult =
  | { status: 'not_found' }
  | { status: 'invalid'; problems: { fieldId: string; problem: AnswerProblem }[] }
  | { status: 'stored' | 'duplicate'; responseId: string };

export async function submitForm(deps: FormDeps, input: unknown): Promise<SubmitResult> {
  const parsed = SubmitSchema.safeParse(input);
  if (!parsed.success) return { status: 'not_found' };
  const { token, nonce, values } = parsed.data;
  const open = await openFormLink(deps, token);
  if (!open) return { status: 'not_found' };
  const { form, definition, friend } = open;
  const checked = checkAnswers(definition, values);
  if (!checked.ok) return { status: 'invalid', problems: checked.problems };

  const submissionKey = `${form.id}:${friend.id}:${nonce}`;
  const at = deps.now();
  const defs = new Map((await listAttributeDefinitions(deps.db)).map((d) => [d.key, d]));
  const changedFriends: string[] = [];
  const result = await deps.db.transaction(async (tx): Promise<SubmitResult> => {
    const row = await insertResponseOnce(tx, {
      formId: form.id,
      friendId: friend.id,
      answers: checked.answers,
      submissionKey,
      isTest: friend.isTest,
      submittedAt: at,
    });
    if (!row) {
      const first = await findResponseByKey(tx, submissionKey);
      return { status: 'duplicate', responseId: first?.id ?? '' };
    }
    // The friend's row is locked so a concurrent edit of another attribute is not lost.
    await tx.execute(sql`select 1 from ${friends} where ${friends.id} = ${friend.id} for update`);
    const current = (await findFriendById(tx, friend.id)) ?? friend;
    const attributes: Record<string, AttributeValue> = { ...current.attributes };
    let changed = false;
    for (const [key, value] of Object.entries(attributeValuesOf(definition, checked.answers))) {
      const def = defs.get(key);
      // A definition changed since the form was saved: the answer is kept in the response, the attribute left alone.
      const ok = def ? checkAttributeValue(def, value) : null;
      if (!ok?.ok) continue;
      attributes[key] = ok.value;
      changed = true;
    }
    if (changed) {
      await updateFriend(tx, friend.id, { attributes });
      changedFriends.push(friend.id);
    }
    const event = await insertEventOnce(tx, {
      friendId: friend.id,
      name: FORM_SUBMITTED_EVENT,
      occurredAt: at,
      properties: { formId: form.id, formSlug: form.slug, responseId: row.id },
      source: 'system',
      idempotencyKey: `form:${row.id}`,
      isTest: friend.isTest,
    });
    if (event) await setResponseEvent(tx, row.id, event.id);
    return { status: 'stored', responseId: row.id };
  });
  // After the commit: the answers' attributes may change which rich menu the rules pick.
  await syncRichMenusQuietly(deps, changedFriends);
  return result;
}
