// CSV export of friends: the import's columns plus friend-added and blocked times, UTF-8 with a BOM for Excel.
import 'server-only';
import Papa from 'papaparse';
import { listAttributeDefinitions } from '@/db/queries/attributes';
import { listFriendsForExport } from '@/db/queries/friends';
import type { DbOrTx } from '@/db/client';
import { CSV_COLUMNS, TAG_SEPARATOR, escapeCell } from './csv-cells';

export async function exportFriendsCsv(db: DbOrTx): Promise<string> {
  const defs = await listAttributeDefinitions(db);
  const friends = await listFriendsForExport(db);
  const fields = [...Object.values(CSV_COLUMNS), 'friend_added_at', 'blocked_at', ...defs.map((d) => d.key)];
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
