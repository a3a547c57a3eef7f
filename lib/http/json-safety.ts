// Checks a parsed JSON value before anything recursive (zod, JSON.stringify) or PostgreSQL sees it: nesting depth,
// NUL characters and lone surrogates. Walked with an explicit stack, so a value 100,000 levels deep cannot overflow ours.

/** How deep a request body may nest: far beyond any real body, far below what recursion or jsonb struggles with. */
export const JSON_MAX_DEPTH = 64;

export interface JsonProblem {
  kind: 'depth' | 'nul' | 'surrogate';
  /** Completes "the body …" / "the event …"; it never repeats the offending value. */
  message: string;
  /** Where the problem is (keys and array indexes); empty for depth, whose path would be as deep as the value. */
  path: (string | number)[];
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | null;
  key: string | number | null;
}

function pathOf(frame: Frame | null): (string | number)[] {
  const path: (string | number)[] = [];
  for (let f = frame; f && f.key !== null; f = f.parent) path.unshift(f.key);
  return path;
}

/** A high surrogate without its low half, or a low one without its high half (String#isWellFormed is ES2024). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A string PostgreSQL refuses in jsonb (`\u0000`, and `\ud800` without its pair), or null when it is storable. */
function stringProblem(s: string): 'nul' | 'surrogate' | null {
  if (s.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(s)) return 'surrogate';
  return null;
}

const MESSAGES: Record<Exclude<JsonProblem['kind'], 'depth'>, string> = {
  nul: 'contains a NUL character (\\u0000), which cannot be stored',
  surrogate: 'contains text that is not well-formed Unicode (a lone surrogate), which cannot be stored',
};

/**
 * The first problem found in `value`, or null. Depth counts containers: `{}` is 1 deep, `{"a":[1]}` 2, so
 * `maxDepth` 64 allows 64 nested objects or arrays.
 */
export function jsonProblem(value: unknown, maxDepth: number = JSON_MAX_DEPTH): JsonProblem | null {
  const stack: Frame[] = [{ value, depth: 0, parent: null, key: null }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const v = frame.value;
    if (typeof v === 'string') {
      const kind = stringProblem(v);
      if (kind) return { kind, message: MESSAGES[kind], path: pathOf(frame) };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    const depth = frame.depth + 1;
    if (depth > maxDepth) return { kind: 'depth', message: `is nested deeper than ${maxDepth} levels`, path: [] };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i] as unknown, depth, parent: frame, key: i });
      continue;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i] as [string, unknown];
      const kind = stringProblem(key);
      // The key itself is the offending value: the path stops at its parent.
      if (kind) return { kind, message: MESSAGES[kind], path: pathOf(frame) };
      stack.push({ value: item, depth, parent: frame, key });
    }
  }
  return null;
}
