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
