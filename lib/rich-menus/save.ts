// Saves a rich menu's draft: the areas checked against LINE's rules and the image's size, its switches against the menus.
import 'server-only';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { listRichMenus, richMenuImage, saveRichMenuRow } from '@/db/queries/rich-menus';
import { checkRichMenu, richMenuImageProblem, RichMenuDraftSchema } from '@/scenario/rich-menu';
import { AppError, parseOrThrow } from '../errors';

export const SaveRichMenuInputSchema = z.object({
  id: z.uuid().optional(),
  imageMediaId: z.uuid().nullable(),
  draft: RichMenuDraftSchema,
});

export async function saveRichMenu(db: DbOrTx, input: unknown, by: { email: string; now: Date }): Promise<{ id: string }> {
  const { id, imageMediaId, draft } = parseOrThrow(SaveRichMenuInputSchema, input);
  const menus = await listRichMenus(db);
  if (id && !menus.some((m) => m.id === id)) throw new AppError('not_found:rich_menu', 'no such rich menu');
  const issues = checkRichMenu(
    draft,
    menus.map((m) => m.id),
  );
  if (imageMediaId) {
    const img = await richMenuImage(db, imageMediaId);
    if (!img) throw new AppError('not_found:media', 'no such image');
    const problem = richMenuImageProblem({
      kind: img.contentType === 'image/png' ? 'png' : 'jpeg',
      width: img.width,
      height: img.height,
      bytes: img.bytes.length,
    });
    if (problem) issues.push(problem);
    else if (img.width !== draft.size.width || img.height !== draft.size.height) {
      issues.push({
        code: 'size',
        path: ['size'],
        message: 'The menu size must be the image size.',
        messageJa: 'メニューのサイズは画像と同じにしてください。',
      });
    }
  }
  if (issues.length > 0) {
    throw new AppError(
      'invalid:rich_menu',
      issues.map((i) => i.message).join(' '),
      issues.map((i) => ({ path: i.path, message: i.message })),
    );
  }
  return { id: await saveRichMenuRow(db, { ...(id ? { id } : {}), draft, imageMediaId, by: by.email, at: by.now }) };
}
