// CSV cell conventions shared by import and export: column names, tag lists and spreadsheet-formula escaping.

/** Fixed columns; every other column is an attribute key. */
export const CSV_COLUMNS = {
  lineUserId: 'line_user_id',
  memberId: 'member_id',
  displayName: 'display_name',
  tags: 'tags',
} as const;
/** Exported for reading, ignored on import (LINE sets them). */
export const CSV_READ_ONLY_COLUMNS = ['friend_added_at', 'blocked_at'] as const;

/**
 * Headers of the admin UI's export, in the reader's language (the API exports the names above). Import reads any of
 * them, so a file exported from the Japanese UI goes straight back in.
 */
export const CSV_HEADERS: Record<'ja' | 'en', Record<string, string>> = {
  ja: {
    line_user_id: 'LINEユーザーID',
    member_id: '会員ID',
    display_name: '表示名',
    tags: 'タグ',
    friend_added_at: '友だち追加日時',
    blocked_at: 'ブロック日時',
  },
  en: {
    line_user_id: 'LINE user id',
    member_id: 'Member id',
    display_name: 'Display name',
    tags: 'Tags',
    friend_added_at: 'Friend added at',
    blocked_at: 'Blocked at',
  },
};

/** An attribute's column header in a UI export: its label, unless another attribute or a fixed column shares it. */
export function attributeHeaders(defs: readonly { key: string; label: string }[], lang: 'ja' | 'en'): Map<string, string> {
  const taken = new Set(Object.values(CSV_HEADERS[lang]));
  const count = new Map<string, number>();
  for (const d of defs) count.set(d.label, (count.get(d.label) ?? 0) + 1);
  return new Map(defs.map((d) => [d.key, d.label && count.get(d.label) === 1 && !taken.has(d.label) ? d.label : d.key]));
}

/** A header as import reads it: a UI header in either language, or an attribute's label, becomes its column name. */
export function canonicalHeader(header: string, defs: readonly { key: string; label: string }[]): string {
  for (const names of Object.values(CSV_HEADERS)) {
    const hit = Object.entries(names).find(([, label]) => label === header);
    if (hit) return hit[0];
  }
  if (defs.some((d) => d.key === header)) return header;
  const byLabel = defs.filter((d) => d.label === header);
  return byLabel.length === 1 && byLabel[0] ? byLabel[0].key : header;
}

export const TAG_SEPARATOR = ';';

export function splitTags(cell: string): string[] {
  return cell
    .split(TAG_SEPARATOR)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Text a spreadsheet would run as a formula gets a leading apostrophe (display names come from strangers). */
export function escapeCell(s: string): string {
  return FORMULA_START.test(s) && !NUMBER.test(s) ? `'${s}` : s;
}

export function unescapeCell(s: string): string {
  return s.startsWith("'") && FORMULA_START.test(s.slice(1)) && !NUMBER.test(s.slice(1)) ? s.slice(1) : s;
}
