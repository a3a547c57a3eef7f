// CSV import of friends: all or nothing; any bad row leaves the database untouched and every error names row and column.
import Papa from 'papaparse';
import { listAttributeDefinitions } from '@/db/queries/attributes';
import { syncRichMenusQuietly } from '../rich-menus/after-actions';
import { coerceCsvCell, type AttributeDef } from './attributes';
import type { EdgeDeps } from './deps';
import { applyFriendInput, ItemError } from './apply-friend-input';
import { canonicalHeader, CSV_COLUMNS, CSV_READ_ONLY_COLUMNS, splitTags, unescapeCell } from './csv-cells';
import { FriendInputSchema, type FriendInput } from './friend-input';

export const MAX_CSV_ROWS = 20_000;

/** `row` counts lines as a spreadsheet shows them: the header is row 1, the first friend row 2. */
export interface CsvError {
  row: number;
  column: string | null;
  message: string;
}

export type CsvImportResult = { ok: true; created: number; updated: number } | { ok: false; errors: CsvError[] };

class Rollback extends Error {}

export async function importFriendsCsv(deps: Pick<EdgeDeps, 'db' | 'now' | 'line'>, csv: string): Promise<CsvImportResult> {
  const defs = new Map((await listAttributeDefinitions(deps.db)).map((d) => [d.key, d]));
  const read = readRows(csv.replace(/^\uFEFF/, ''), defs);
  if (read.errors.length > 0) return { ok: false, errors: read.errors };

  const at = deps.now();
  const errors: CsvError[] = [];
  let created = 0;
  const written: string[] = [];
  try {
    await deps.db.transaction(async (tx) => {
      for (const { row, input } of read.rows) {
        try {
          const applied = await applyFriendInput(tx, defs, input, at);
          if (applied.created) created += 1;
          written.push(applied.friendId);
        } catch (err) {
          if (!(err instanceof ItemError)) throw err;
          for (const i of err.issues) errors.push({ row, column: columnOf(i.path), message: i.message });
        }
      }
      if (errors.length > 0) throw new Rollback();
    });
  } catch (err) {
    if (err instanceof Rollback) return { ok: false, errors };
    throw err;
  }
  // After the commit: the imported friends' rich menus follow the rules (lib/rich-menus/sync.ts).
  await syncRichMenusQuietly(deps, written);
  return { ok: true, created, updated: read.rows.length - created };
}

function readRows(
  text: string,
  defs: ReadonlyMap<string, AttributeDef>,
): { rows: { row: number; input: FriendInput }[]; errors: CsvError[] } {
  const list = [...defs.values()];
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => canonicalHeader(h.trim(), list),
  });
  const errors: CsvError[] = parsed.errors.map((e) => ({ row: (e.row ?? -1) + 2, column: null, message: e.message }));
  const fields = parsed.meta.fields ?? [];
  const fixed: string[] = [...Object.values(CSV_COLUMNS), ...CSV_READ_ONLY_COLUMNS];
  for (const f of fields) {
    if (!fixed.includes(f) && !defs.has(f))
      errors.push({ row: 1, column: f, message: `unknown column: not a friend field and no attribute "${f}" is defined` });
  }
  if (!fields.includes(CSV_COLUMNS.lineUserId) && !fields.includes(CSV_COLUMNS.memberId)) {
    errors.push({ row: 1, column: null, message: `the header needs a ${CSV_COLUMNS.lineUserId} or ${CSV_COLUMNS.memberId} column` });
  }
  if (parsed.data.length === 0) errors.push({ row: 2, column: null, message: 'the file has no friend rows' });
  if (parsed.data.length > MAX_CSV_ROWS)
    errors.push({ row: MAX_CSV_ROWS + 2, column: null, message: `at most ${MAX_CSV_ROWS} rows per file` });
  if (errors.length > 0) return { rows: [], errors };

  const rows: { row: number; input: FriendInput }[] = [];
  const seen = new Map<string, number>();
  for (const [i, record] of parsed.data.entries()) {
    const row = i + 2;
    const cell = (c: string) => unescapeCell((record[c] ?? '').trim());
    const raw: Record<string, unknown> = {};
    if (cell(CSV_COLUMNS.lineUserId)) raw.lineUserId = cell(CSV_COLUMNS.lineUserId);
    if (cell(CSV_COLUMNS.memberId)) raw.memberId = cell(CSV_COLUMNS.memberId);
    if (cell(CSV_COLUMNS.displayName)) raw.displayName = cell(CSV_COLUMNS.displayName);
    if (cell(CSV_COLUMNS.tags)) raw.tags = { add: splitTags(cell(CSV_COLUMNS.tags)) };
    const attributes: Record<string, unknown> = {};
    for (const [key, def] of defs) {
      if (!fields.includes(key)) continue;
      const c = coerceCsvCell(def, cell(key));
      if (c === undefined) continue;
      if (c.ok) attributes[key] = c.value;
      else errors.push({ row, column: key, message: c.message });
    }
    raw.attributes = attributes;
    const p = FriendInputSchema.safeParse(raw);
    if (!p.success) {
      for (const issue of p.error.issues) errors.push({ row, column: columnOf(issue.path), message: issue.message });
      continue;
    }
    const who = p.data.lineUserId ?? `member:${p.data.memberId}`;
    const first = seen.get(who);
    if (first !== undefined)
      errors.push({
        row,
        column: p.data.lineUserId ? CSV_COLUMNS.lineUserId : CSV_COLUMNS.memberId,
        message: `the same friend as row ${first}`,
      });
    else seen.set(who, row);
    rows.push({ row, input: p.data });
  }
  return { rows, errors };
}

/** The CSV column an issue path points at. */
function columnOf(path: readonly PropertyKey[]): string | null {
  const [head, second] = path;
  if (head === 'attributes' && typeof second === 'string') return second;
  if (head === 'tags') return CSV_COLUMNS.tags;
  if (typeof head === 'string' && head in CSV_COLUMNS) return CSV_COLUMNS[head as keyof typeof CSV_COLUMNS];
  return null;
}
