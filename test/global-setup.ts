// Starts the services integration and browser tests share: one PostgreSQL and one Temporal dev server.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import postgres from 'postgres';
import { migrateDatabase } from '../db/migrate';
import { dataDir } from '../devstack/paths';
import { freePort, startEmbeddedPostgres } from '../devstack/postgres';
import { startTemporalDevServer, waitForTemporal } from '../devstack/temporal';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgTemplate: string;
    temporalAddress: string;
  }
}

interface Services {
  pgServerUrl: string;
  pgTemplate: string;
  temporalAddress: string;
  users: number;
  stop: () => Promise<void>;
}

const holder = globalThis as unknown as { kizunaTestServices?: Promise<Services> };

async function start(): Promise<Services> {
  const stops: (() => Promise<void>)[] = [];
  let pgServerUrl: string;
  const external = process.env.DATABASE_URL;
  if (external) {
    const u = new URL(external);
    u.pathname = '';
    pgServerUrl = u.toString().replace(/\/$/, '');
  } else {
    // A cluster of this run's own (initdb takes a second or two), so parallel test runs never collide.
    const dir = path.join(dataDir, `test-postgres-${process.pid}`);
    mkdirSync(dataDir, { recursive: true });
    const pg = await startEmbeddedPostgres({ dir, database: 'postgres' }).catch((err: unknown) => {
      throw new Error(`could not start the embedded PostgreSQL in ${dir}: ${err instanceof Error ? err.message : String(err)}`);
    });
    pgServerUrl = pg.serverUrl;
    stops.push(async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    });
  }
  // A migrated template per run; each test file clones it (CREATE DATABASE … TEMPLATE).
  const pgTemplate = `kizuna_tpl_${process.pid}`;
  const admin = postgres(`${pgServerUrl}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${pgTemplate}"`);
  await admin.unsafe(`create database "${pgTemplate}"`);
  await migrateDatabase(`${pgServerUrl}/${pgTemplate}`);
  stops.push(async () => {
    const stale = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like ${`kizuna_t_${process.pid}_%`} or datname = ${pgTemplate}`;
    for (const { datname } of stale) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.end({ timeout: 5 });
  });

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (temporalAddress) {
    await waitForTemporal(temporalAddress, 30_000);
  } else {
    const t = await startTemporalDevServer({ port: await freePort() });
    temporalAddress = t.address;
    stops.push(t.stop);
  }
  return {
    pgServerUrl,
    pgTemplate,
    temporalAddress,
    users: 0,
    stop: async () => {
      for (const s of stops.reverse()) await s();
    },
  };
}

export default async function setup(project: TestProject) {
  // Integration and browser projects share one set of services in this process.
  holder.kizunaTestServices ??= start();
  const services = await holder.kizunaTestServices;
  services.users += 1;
  project.provide('pgServerUrl', services.pgServerUrl);
  project.provide('pgTemplate', services.pgTemplate);
  project.provide('temporalAddress', services.temporalAddress);
  return async () => {
    services.users -= 1;
    if (services.users === 0) {
      holder.kizunaTestServices = undefined;
      await services.stop();
    }
  };
}
