// Attribute definitions for Settings: create (key and type fixed for good), edit label/options, delete.
import 'server-only';
import { z } from 'zod';
import {
  deleteAttributeDefinition,
  getAttributeDefinition,
  insertAttributeDefinition,
  updateAttributeDefinition,
} from '@/db/queries/attributes';
import type { DbOrTx } from '@/db/client';
import { AttributeKeySchema } from '@/scenario/friend';
import { AppError, parseOrThrow } from '../errors';
import { AttributeDefinitionInputSchema } from './attributes';

export async function createAttributeDefinition(db: DbOrTx, input: unknown) {
  const d = parseOrThrow(AttributeDefinitionInputSchema, input);
  const row = await insertAttributeDefinition(db, {
    key: d.key,
    label: d.label,
    type: d.type,
    options: d.type === 'enum' ? (d.options ?? []) : null,
  });
  if (!row)
    throw new AppError('conflict:attribute', `an attribute "${d.key}" exists already`, [{ path: ['key'], message: 'already defined' }]);
  return row;
}

const EditSchema = z.object({
  key: AttributeKeySchema,
  label: z.string().trim().min(1).max(100),
  options: z.array(z.string().trim().min(1).max(100)).max(200).optional(),
});

/** The type never changes (friends hold values of it); an enum may gain or lose options. */
export async function editAttributeDefinition(db: DbOrTx, input: unknown) {
  const e = parseOrThrow(EditSchema, input);
  const current = await getAttributeDefinition(db, e.key);
  if (!current) throw new AppError('not_found:attribute', `no attribute "${e.key}"`);
  const checked = parseOrThrow(AttributeDefinitionInputSchema, { key: e.key, label: e.label, type: current.type, options: e.options });
  return updateAttributeDefinition(db, e.key, { label: checked.label, options: current.type === 'enum' ? (checked.options ?? []) : null });
}

export async function removeAttributeDefinition(db: DbOrTx, key: string): Promise<void> {
  if (!(await deleteAttributeDefinition(db, key))) throw new AppError('not_found:attribute', `no attribute "${key}"`);
}
