// The house's import boundaries are ESLint rules (eslint.config.mjs): each forbidden arrow fails lint, each allowed one passes.
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
let eslint: ESLint;

beforeAll(() => {
  // Probe files do not exist on disk, so the typed rules (which need the TypeScript program) are switched off for them.
  const untyped = tseslint.configs.disableTypeChecked;
  eslint = new ESLint({
    cwd: root,
    overrideConfig: [
      {
        files: ['**/*.{ts,tsx}'],
        ...untyped,
        rules: {
          ...untyped.rules,
          '@typescript-eslint/consistent-type-imports': 'off',
          '@typescript-eslint/switch-exhaustiveness-check': 'off',
        },
      },
    ],
  });
});

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports' || m.ruleId === 'no-restricted-syntax' || m.fatal)
    .map((m) => m.message);
}

describe('forbidden imports fail lint', () => {
  it.each([
    ['components/friends/probe.tsx', "import { addTag } from '@/app/(admin)/friends/actions';\nexport const x = addTag;"],
    ['components/friends/probe.tsx', "import type { FriendRow } from '@/db/schema';\nexport type X = FriendRow;"],
    ['components/analytics/probe.tsx', "import { x } from '../../app/scenarios/x';\nexport const y = x;"],
    ['lib/engine/probe.ts', "import type { X } from '@/workflows/friend-scenario';\nexport type Y = X;"],
    ['lib/probe.ts', "import { GET } from '@/app/api/events/route';\nexport const x = GET;"],
    ['worker/activities/probe.ts', "import type { X } from '@/workflows/segment-broadcast';\nexport type Y = X;"],
    ['worker/probe.ts', "import { startEmbeddedPostgres } from '@/devstack/postgres';\nexport const x = startEmbeddedPostgres;"],
    ['workflows/probe.ts', "import type { X } from '../worker/activities';\nexport type Y = X;"],
    ['workflows/probe.ts', "import { z } from 'zod';\nexport const x = z;"],
    ['scenario/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['scenario/nodes/probe.ts', "import { env } from '@/lib/env';\nexport const x = env;"],
    ['db/queries/probe.ts', "import { env } from '@/lib/env';\nexport const x = env;"],
    ['lib/engine/probe.ts', 'export const benchProbe = 1;'],
    ['components/settings/probe.tsx', "import { appDeps } from '@/lib/app-deps';\nexport const x = appDeps;"],
  ])('%s: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).not.toEqual([]);
  });
});

describe('allowed imports pass lint', () => {
  it.each([
    ['components/friends/probe.tsx', "import type { X } from '@/lib/ui-types';\nexport type Y = X;"],
    ['components/friends/probe.tsx', "import { t } from '@/lib/i18n/dictionary';\nexport const x = t;"],
    ['lib/engine/probe.ts', "import { stopSignal } from '@/workflows/contract';\nexport const x = stopSignal;"],
    ['worker/activities/probe.ts', "import { db } from '@/db/client';\nexport const x = db;"],
    [
      'workflows/probe.ts',
      "import { step } from '../scenario/interpret';\nimport { proxyActivities } from '@temporalio/workflow';\nexport const x = [step, proxyActivities];",
    ],
    ['app/(admin)/friends/probe.ts', "import { x } from '@/lib/app-deps';\nexport const y = x;"],
  ])('%s: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
