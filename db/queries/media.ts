// Uploaded images: stored once per distinct file (by SHA-256), and read back by id for serving.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { media } from '../schema';

export type MediaContentType = (typeof media.$inferSelect)['contentType'];
export type NewMedia = Omit<typeof media.$inferInsert, 'id' | 'createdAt'>;
export type MediaInfo = { id: string; contentType: MediaContentType; width: number; height: number; created: boolean };

/** The row for these bytes: a new one, or the one already holding the same file (its id and URLs unchanged). */
export async function insertMedia(db: DbOrTx, row: NewMedia): Promise<MediaInfo> {
  const cols = { id: media.id, contentType: media.contentType, width: media.width, height: media.height };
  const [inserted] = await db.insert(media).values(row).onConflictDoNothing({ target: media.sha256 }).returning(cols);
  if (inserted) return { ...inserted, created: true };
  const [existing] = await db.select(cols).from(media).where(eq(media.sha256, row.sha256));
  if (!existing) throw new Error('media row vanished between insert and select');
  return { ...existing, created: false };
}

/** The id of the file with this hash, if stored (an upload of known bytes skips the preview work). */
export async function mediaIdBySha256(db: DbOrTx, sha256: string): Promise<MediaInfo | null> {
  const [row] = await db
    .select({ id: media.id, contentType: media.contentType, width: media.width, height: media.height })
    .from(media)
    .where(eq(media.sha256, sha256));
  return row ? { ...row, created: false } : null;
}

/** The bytes to serve for one variant, with what the response headers need. */
export async function mediaFile(
  db: DbOrTx,
  id: string,
  variant: 'original' | 'preview',
): Promise<{ bytes: Buffer; contentType: string; sha256: string } | null> {
  const [row] = await db
    .select({
      bytes: variant === 'original' ? media.bytes : media.preview,
      contentType: variant === 'original' ? media.contentType : sql<string>`'image/jpeg'`,
      sha256: media.sha256,
    })
    .from(media)
    .where(eq(media.id, id));
  return row ?? null;
}

export async function countMedia(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(media);
  return row?.n ?? 0;
}
