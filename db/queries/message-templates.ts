// Message templates: listed by name, saved under a unique name, deleted; messages parsed with the send node's schema.
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { LineMessageSchema, type LineMessage } from '@/scenario/messages';
import type { DbOrTx } from '../client';
import { messageTemplates } from '../schema';

export const TemplateMessagesSchema = z.array(LineMessageSchema).min(1).max(5);

export type MessageTemplate = { id: string; name: string; messages: LineMessage[]; createdBy: string; updatedAt: Date };

export async function listMessageTemplates(db: DbOrTx): Promise<MessageTemplate[]> {
  const rows = await db.select().from(messageTemplates).orderBy(asc(messageTemplates.name));
  // A row that no longer parses (written by an older Kizuna) is left out rather than breaking the list.
  return rows.flatMap((r) => {
    const messages = TemplateMessagesSchema.safeParse(r.messages);
    return messages.success ? [{ id: r.id, name: r.name, messages: messages.data, createdBy: r.createdBy, updatedAt: r.updatedAt }] : [];
  });
}

/** Saves a new template; `null` when the name is taken. */
export async function createMessageTemplate(
  db: DbOrTx,
  t: { name: string; messages: LineMessage[]; createdBy: string },
): Promise<{ id: string } | null> {
  const [row] = await db
    .insert(messageTemplates)
    .values({ name: t.name, messages: TemplateMessagesSchema.parse(t.messages), createdBy: t.createdBy })
    .onConflictDoNothing({ target: messageTemplates.name })
    .returning({ id: messageTemplates.id });
  return row ?? null;
}

export async function deleteMessageTemplate(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db.delete(messageTemplates).where(eq(messageTemplates.id, id)).returning({ id: messageTemplates.id });
  return rows.length > 0;
}
