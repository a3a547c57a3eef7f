// CSV export of friends: the import's columns plus friend-added and blocked times, UTF-8 with a BOM for Excel; headers in
// the reader's language from the admin UI, machine names from the API (import reads both).
import 'server-only';
import Papa from 'papaparse';
import { listAttributeDefinitions } from '@/db/queries/attributes';
import { listFriendsForExport } from '@/db/queries/friends';
import type { DbOrTx } from '@/db/client';
import { attributeHeaders, CSV_COLUMNS, CSV_HEADERS, CSV_READ_ONLY_COLUMNS, TAG_SEPARATOR, escapeCell } from './csv-cells';

/** With `lang` (the admin UI), headers in that language; without (the API), the machine names import also reads. */
export async function exportFriendsCsv(db: DbOrTx, lang?: 'ja' | 'en'): Promise<string> {
  const defs = await listAttributeDefinitions(db);
  const friends = await listFriendsForExport(db);
  const names = [...Object.values(CSV_COLUMNS), ...CSV_READ_ONLY_COLUMNS];
  const attrs = lang ? attributeHeaders(defs, lang) : null;
  const fields = [...names.map((n) => (lang ? (CSV_HEADERS[lang][n] ?? n) : n)), ...defs.map((d) => attrs?.get(d.key) ?? d.key)];
  const data = friends.map((f) => [
    f.lineUserId,
    escapeCell(f.memberId ?? ''),
    escapeCell(f.displayName),
    f.tags.map(escapeCell).join(TAG_SEPARATOR),
    f.friendAddedAt.toISOString(),
    f.blockedAt?.toISOString() ?? '',
    ...defs.map((d) => {
      const v = f.attributes[d.key];
      return v === undefined || v === null ? '' : typeof v === 'string' ? escapeCell(v) : String(v);
    }),
  ]);
  return `\uFEFF${Papa.unparse({ fields, data }, { newline: '\r\n' })}\r\n`;
}
