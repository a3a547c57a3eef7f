// Gives a test file its own database, cloned from the migrated template (never mocked), or an empty one for migration tests.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createDb, type Db } from '../db/client';

export interface TestDatabase {
  db: Db;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const server = inject('pgServerUrl');
  const template = inject('pgTemplate');
  const name = `kizuna_t_${template.split('_').pop()}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(`${server}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${template}"`);
  const url = `${server}/${name}`;
  const { db, close } = createDb(url);
  return {
    db,
    url,
    drop: async () => {
      await close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

export interface EmptyTestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A database with nothing in it (not cloned from the migrated template), for tests of the migrations themselves. */
export async function createEmptyTestDatabase(): Promise<EmptyTestDatabase> {
  const server = inject('pgServerUrl');
  const name = `kizuna_t_${inject('pgTemplate').split('_').pop()}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(`${server}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  return {
    url: `${server}/${name}`,
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
