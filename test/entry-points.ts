// The app's entry points as files (pages, route handlers, 'use server' modules and the URL each serves), and the
// tables of docs/security.md that list them, for the tests that keep the two equal (access-pages, access-policy,
// security-doc) and the outsider's walk over every URL.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Policy } from '../lib/auth/policy';
import { API_SCOPES, PERMISSIONS, ROLES, type ApiScope, type Permission, type Role } from '../lib/auth/roles';

export const repoRoot = path.resolve(import.meta.dirname, '..');
const appDir = path.join(repoRoot, 'app');

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
/** Route segment config a route module may export besides its handlers (Next's list). */
export const ROUTE_CONFIG_EXPORTS = ['dynamic', 'dynamicParams', 'revalidate', 'fetchCache', 'runtime', 'preferredRegion', 'maxDuration'];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

/** Repo-relative paths (`app/…`), sorted. */
function appFiles(): string[] {
  return walk(appDir)
    .map((f) => path.relative(repoRoot, f).split(path.sep).join('/'))
    .sort();
}

export const readRepoFile = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

export const routeFiles = () => appFiles().filter((f) => /\/route\.(ts|tsx|js)$/.test(f));
export const pageFiles = () => appFiles().filter((f) => /\/page\.(tsx|ts|jsx|js)$/.test(f));
/** Modules whose first statement is 'use server' (every export is a server action). */
export const serverActionFiles = () =>
  appFiles().filter((f) => /\.(ts|tsx)$/.test(f) && /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*['"]use server['"]/.test(readRepoFile(f)));

/**
 * The URL pattern a page or route file serves, as docs/security.md writes it: route groups dropped, `[id]` as `{id}`,
 * a catch-all as `*`. `app/(admin)/scenarios/[id]/page.tsx` → `/scenarios/{id}`.
 */
export function urlPatternOf(file: string): string {
  const segments = file
    .replace(/^app\//, '')
    .split('/')
    .slice(0, -1)
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => (/^\[\[?\.\.\./.test(s) ? '*' : s.replace(/^\[(.+)\]$/, '{$1}')));
  return `/${segments.join('/')}`;
}

/** The dynamic segments of a file's path: `[id]` → { name: 'id', catchAll: false }. */
export function dynamicSegmentsOf(file: string): { name: string; catchAll: boolean }[] {
  return [...file.matchAll(/\[\[?(\.\.\.)?([^\]]+)\]\]?/g)].map((m) => ({ name: m[2] ?? '', catchAll: Boolean(m[1]) }));
}

/** A concrete URL for a pattern: `{name}` and `*` filled from `values` (a catch-all gets `values['*']`). */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\{([^}]+)\}|\*/g, (whole, name: string | undefined) => {
    const v = values[name ?? '*'];
    if (v === undefined) throw new Error(`no value for ${whole} in ${pattern}`);
    return encodeURIComponent(v);
  });
}

// ---- docs/security.md ----------------------------------------------------------------------------------------------

export const SECURITY_DOC = 'docs/security.md';
export const readSecurityDoc = () => readRepoFile(SECURITY_DOC);

/** Every markdown table: its header cells and body rows (the `---` separator dropped). */
export function markdownTables(md: string): { header: string[]; rows: string[][] }[] {
  const tables: string[][][] = [];
  let current: string[][] | null = null;
  for (const line of md.split('\n')) {
    if (/^\s*\|.*\|\s*$/.test(line)) {
      const cells = line
        .trim()
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim());
      if (current) current.push(cells);
      else tables.push((current = [cells]));
    } else current = null;
  }
  return tables.map(([header = [], ...rest]) => ({ header, rows: rest.filter((r) => !r.every((c) => /^:?-{3,}:?$/.test(c))) }));
}

const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');

/** The role matrix (the table headed `Permission | <roles>…`): which permissions each role column ticks, in row order. */
export function docRoleMatrix(md: string): {
  roles: string[];
  permissions: string[];
  matrix: Record<string, string[]>;
  badCells: string[];
} {
  const table = markdownTables(md).find((t) => t.header[0] === 'Permission');
  if (!table) throw new Error(`${SECURITY_DOC} has no table headed "Permission"`);
  const roles = table.header.slice(1).filter((h) => (ROLES as readonly string[]).includes(h));
  const matrix: Record<string, string[]> = Object.fromEntries(roles.map((r) => [r, []]));
  const permissions: string[] = [];
  const badCells: string[] = [];
  for (const row of table.rows) {
    const permission = ticked(row[0] ?? '')[0] ?? row[0] ?? '';
    permissions.push(permission);
    roles.forEach((role, i) => {
      const cell = row[i + 1] ?? '';
      if (cell === '✓') matrix[role]?.push(permission);
      else if (cell !== '—') badCells.push(`${permission} × ${role}: "${cell}"`);
    });
  }
  return { roles, permissions, matrix, badCells };
}

/** An entry point as the doc names it: `GET /api/x` (route), `/x` (page) or `someAction` (server action). */
export type DocEntries = Map<string, Policy>;

/** Every entry point in the tables headed `Entry point | Proof|Scope|Permission`, with the policy the doc gives it. */
export function docEntryPoints(md: string): { entries: DocEntries; problems: string[] } {
  const entries: DocEntries = new Map();
  const problems: string[] = [];
  for (const { header, rows } of markdownTables(md)) {
    const column = header[1];
    if (header[0] !== 'Entry point' || !column) continue;
    for (const row of rows) {
      const [value, ...extra] = ticked(row[1] ?? '');
      const policy = value === undefined || extra.length > 0 ? undefined : policyFromDoc(column, value);
      if (!policy) {
        problems.push(`row "${row.join(' | ')}": expected one ${column} in backticks`);
        continue;
      }
      for (const entry of ticked(row[0] ?? '')) {
        if (entries.has(entry)) problems.push(`${entry} is listed twice`);
        entries.set(entry, policy);
      }
    }
  }
  return { entries, problems };
}

function policyFromDoc(column: string, value: string): Policy | undefined {
  if (column === 'Proof') return { kind: 'public', reason: value as Extract<Policy, { kind: 'public' }>['reason'] };
  if (column === 'Scope')
    return (API_SCOPES as readonly string[]).includes(value) ? { kind: 'api_key', scope: value as ApiScope } : undefined;
  if (column === 'Permission') {
    if (value === 'self') return { kind: 'self' };
    return (PERMISSIONS as readonly string[]).includes(value) ? { kind: 'session', permission: value as Permission } : undefined;
  }
  return undefined;
}

/** A policy as one comparable string (`session scenarios:read`, `api_key events:write`, `public health`, `self`). */
export function policyLabel(p: Policy | undefined): string {
  if (!p) return 'none';
  switch (p.kind) {
    case 'public':
      return `public ${p.reason}`;
    case 'api_key':
      return `api_key ${p.scope}`;
    case 'session':
      return `session ${p.permission}`;
    case 'self':
      return 'self';
  }
}

export type { Role };
