// Images operators upload for LINE messages: the original as uploaded (JPEG or PNG) and the preview Kizuna made, served
// publicly under /media/{id}/… (LINE's servers fetch them; docs/security.md). One row per distinct file (sha256).
import { customType, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const mediaContentTypes = ['image/jpeg', 'image/png'] as const;

export const media = pgTable('media', {
  /** Random: the id in the public URL is its only key, so it must not be guessable (never the hash). */
  id: uuid('id').primaryKey().defaultRandom(),
  /** Hex SHA-256 of the original's bytes: the same file uploaded twice is stored once. */
  sha256: text('sha256').notNull().unique(),
  contentType: text('content_type', { enum: mediaContentTypes }).notNull(),
  bytes: bytea('bytes').notNull(),
  byteSize: integer('byte_size').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  /** A JPEG of at most 1024 px a side and 1 MB (LINE's preview limit; also what flex cards show). */
  preview: bytea('preview').notNull(),
  previewWidth: integer('preview_width').notNull(),
  previewHeight: integer('preview_height').notNull(),
  /** The operator's email. */
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
