// `kizuna migrate` on a real, empty database: applies the chain once; a second run finds nothing to do.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyTestDatabase, type EmptyTestDatabase } from '../test/db';
import { runMigrateCli } from './migrate-cli';

let d: EmptyTestDatabase;
beforeAll(async () => {
  d = await createEmptyTestDatabase();
});
afterAll(async () => {
  await d?.drop();
});

async function migrationsRecorded(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
    return row?.n ?? 0;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

describe('kizuna migrate', () => {
  it('migrates an empty database, then finds nothing left to do', async () => {
    const lines: string[] = [];
    expect(await runMigrateCli([], { out: (l) => lines.push(l), url: () => d.url })).toBe(0);
    const applied = await migrationsRecorded(d.url);
    expect(applied).toBeGreaterThan(0);
    expect(await runMigrateCli([], { out: (l) => lines.push(l), url: () => d.url })).toBe(0);
    expect(await migrationsRecorded(d.url)).toBe(applied);
    expect(lines).toEqual(['{"ok":true}', '{"ok":true}']);
  });

  it('names an unreachable database without printing its connection string', async () => {
    const url = () => 'postgres://kizuna:s3cret-pass@127.0.0.1:1/nowhere';
    const lines: string[] = [];
    expect(await runMigrateCli([], { out: (l) => lines.push(l), url })).toBe(1);
    expect(lines.join('\n')).toContain('"ok":false');
    expect(lines.join('\n')).not.toContain('s3cret-pass');
  });
});
