// docs/adding-a-node-kind.md cannot drift: its file list holds for every kind in the registry, and lists every per-kind file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_KINDS } from './index';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const doc = read('docs/adding-a-node-kind.md');
const fileName = (kind: string) => kind.replace(/_/g, '-');
const forKind = (pattern: string, kind: string) => pattern.replaceAll('<kind>', fileName(kind));

/** The rows of the table under "## The files": the path and what the row says is done to it. */
function fileRows(): { pattern: string; change: string }[] {
  const section = doc.split(/^## /m).find((s) => s.startsWith('The files'));
  if (!section) throw new Error('docs/adding-a-node-kind.md has no "## The files" section');
  return [...section.matchAll(/^\|\s*`([^`]+)`\s*\|([^|]+)\|/gm)].map((m) => ({ pattern: m[1] ?? '', change: (m[2] ?? '').trim() }));
}

/** Files in the code that belong to one kind: its core slice and everything in its editor folder. */
function perKindFiles(kind: string): string[] {
  const folder = `components/editor/nodes/${fileName(kind)}`;
  return [`scenario/nodes/${fileName(kind)}.ts`, ...readdirSync(path.join(root, folder)).map((f) => `${folder}/${f}`)];
}

describe('docs/adding-a-node-kind.md', () => {
  const rows = fileRows();

  it('lists the core slice, the editor slice, both registries, the dictionary and the tests', () => {
    expect(rows.map((r) => r.pattern)).toEqual(
      expect.arrayContaining([
        'scenario/nodes/<kind>.ts',
        'scenario/nodes/index.ts',
        'components/editor/nodes/<kind>/form.tsx',
        'components/editor/nodes/registry.ts',
        'lib/i18n/dictionary.ts',
        'scenario/nodes/nodes.test.ts',
      ]),
    );
  });

  it.each(NODE_KINDS)('%s: every listed file exists', (kind) => {
    for (const { pattern } of rows) expect(existsSync(path.join(root, forKind(pattern, kind))), forKind(pattern, kind)).toBe(true);
  });

  it.each(NODE_KINDS)('%s: every file of the kind is listed', (kind) => {
    const listed = new Set(rows.map((r) => forKind(r.pattern, kind)));
    expect(perKindFiles(kind).filter((f) => !listed.has(f))).toEqual([]);
  });

  it.each(NODE_KINDS)('%s: is registered by one line in each registry, with its palette hint in the dictionary', (kind) => {
    for (const { pattern } of rows.filter((r) => r.change === 'one line'))
      expect(read(pattern), pattern).toMatch(new RegExp(`^\\s+${kind}: `, 'm'));
    expect(read('lib/i18n/dictionary.ts').match(new RegExp(`'editor\\.palette\\.${kind}':`, 'g'))).toHaveLength(2);
  });

  it('names only paths that exist', () => {
    const paths = [...doc.matchAll(/`((?:scenario|components|lib|docs|workflows|worker)\/[^`\s]*)`/g)].map((m) => m[1] ?? '');
    const missing = paths.filter((p) => !p.includes('switch-rich-menu') && !existsSync(path.join(root, forKind(p, 'send'))));
    expect(missing).toEqual([]);
  });
});

describe('the core slices', () => {
  it('never import scenario/schema.ts at run time (the schema imports the registry)', () => {
    const files = readdirSync(path.join(root, 'scenario/nodes')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const offenders = files.filter((f) => /^import (?!type )[^;]*from '\.\.\/schema'/m.test(read(`scenario/nodes/${f}`)));
    expect(offenders).toEqual([]);
  });
});
