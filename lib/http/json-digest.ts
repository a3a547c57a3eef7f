// A stable SHA-256 of a parsed JSON value (object keys sorted), computed with an explicit stack: JSON.stringify
// recurses and overflows near 10,000 levels, and a hostile value may be far deeper than that.
import 'server-only';
import { createHash } from 'node:crypto';

/** Punctuation to feed between values (kept apart from string values, which may hold the same text). */
class Token {
  constructor(readonly text: string) {}
}
const OPEN_ARRAY = new Token('[');
const CLOSE_ARRAY = new Token(']');
const OPEN_OBJECT = new Token('{');
const CLOSE_OBJECT = new Token('}');
const COMMA = new Token(',');
const COLON = new Token(':');

/** Hex SHA-256 of `value`'s canonical JSON; `omitTopLevel` keys of a top-level object are left out. */
export function jsonDigest(value: unknown, omitTopLevel: readonly string[] = []): string {
  const hash = createHash('sha256');
  const stack: unknown[] = [value];
  let top = true;
  while (stack.length > 0) {
    const item = stack.pop();
    if (item instanceof Token) {
      hash.update(item.text);
    } else if (Array.isArray(item)) {
      stack.push(CLOSE_ARRAY);
      for (let i = item.length - 1; i >= 0; i--) {
        stack.push(item[i] as unknown);
        if (i > 0) stack.push(COMMA);
      }
      stack.push(OPEN_ARRAY);
    } else if (item !== null && typeof item === 'object') {
      const omit = top ? omitTopLevel : [];
      const keys = Object.keys(item)
        .filter((k) => !omit.includes(k))
        .sort();
      stack.push(CLOSE_OBJECT);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push((item as Record<string, unknown>)[key], COLON, new Token(JSON.stringify(key)));
        if (i > 0) stack.push(COMMA);
      }
      stack.push(OPEN_OBJECT);
    } else {
      // A primitive: its JSON text (strings escaped, so `"a,b"` never reads as two values).
      hash.update(JSON.stringify(item) ?? 'null');
    }
    top = false;
  }
  return hash.digest('hex');
}
