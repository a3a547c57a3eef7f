// Three test layers: unit (pure code), integration (real PostgreSQL + Temporal), browser (chromium).
import { defineConfig } from 'vitest/config';
import path from 'node:path';

// 'server-only' marks app-only server modules; Next resolves it to an empty module on the server, and so do the tests.
const alias = {
  '@': path.resolve(import.meta.dirname),
  'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
};
// Only our source folders are searched (never .next*, .data, .tools, which other processes change meanwhile).
const src = '{app,components,db,lib,scenario,workflows,worker,devstack,scripts,test}';

export default defineConfig({
  resolve: { alias },
  test: {
    retry: 0,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: [`${src}/**/*.test.ts`, `${src}/**/*.test.tsx`],
          exclude: ['**/node_modules/**', '**/*.int.test.ts', '**/*.e2e.test.ts', '.data/**', '.tools/**', '.next/**'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: [`${src}/**/*.int.test.ts`],
          exclude: ['**/node_modules/**', '.data/**', '.tools/**', '.next/**'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
