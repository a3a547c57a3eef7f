// Named queries over attribute_definitions: the typed friend fields the editor offers and imports validate against.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { attributeDefinitions } from '../schema';

export type AttributeDefinitionRow = typeof attributeDefinitions.$inferSelect;

export async function listAttributeDefinitions(db: DbOrTx): Promise<AttributeDefinitionRow[]> {
  return db.select().from(attributeDefinitions).orderBy(asc(attributeDefinitions.createdAt), asc(attributeDefinitions.key));
}

export async function getAttributeDefinition(db: DbOrTx, key: string): Promise<AttributeDefinitionRow | null> {
  const [row] = await db.select().from(attributeDefinitions).where(eq(attributeDefinitions.key, key));
  return row ?? null;
}

export async function insertAttributeDefinition(
  db: DbOrTx,
  def: { key: string; label: string; type: AttributeDefinitionRow['type']; options: string[] | null },
): Promise<AttributeDefinitionRow | null> {
  const [row] = await db.insert(attributeDefinitions).values(def).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updateAttributeDefinition(
  db: DbOrTx,
  key: string,
  patch: { label: string; options: string[] | null },
): Promise<AttributeDefinitionRow | null> {
  const [row] = await db.update(attributeDefinitions).set(patch).where(eq(attributeDefinitions.key, key)).returning();
  return row ?? null;
}

export async function deleteAttributeDefinition(db: DbOrTx, key: string): Promise<boolean> {
  const rows = await db.delete(attributeDefinitions).where(eq(attributeDefinitions.key, key)).returning({ key: attributeDefinitions.key });
  return rows.length > 0;
}
