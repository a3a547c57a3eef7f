// ESLint (flat config): typed TypeScript rules, Next.js and React hooks rules, and the import boundaries of the house.
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** lib/ modules a client component may import: pure helpers, the dictionary, and the type-only lib/ui-types.ts. */
const CLIENT_SAFE_LIB = [
  'i18n/dictionary',
  'i18n/reasons',
  'friends/step-names',
  'format',
  'analytics/format',
  'analytics/range',
  'friends/search-params',
  'line/message-preview',
  'line/sandbox-admin-schema',
  'ui-types',
  'auth/roles',
  'forecast/view',
];

/**
 * Which folders each folder must not import (values and types alike, unless `types` lists it as type-only allowed).
 * Arrows point down: scenario ← db ← lib ← worker / app; components see only scenario and client-safe lib.
 */
const DENY = {
  scenario: { folders: ['app', 'components', 'db', 'devstack', 'lib', 'scripts', 'test', 'worker', 'workflows'] },
  workflows: { folders: ['app', 'components', 'db', 'devstack', 'lib', 'scripts', 'test', 'worker'] },
  db: { folders: ['app', 'components', 'devstack', 'lib', 'scripts', 'test', 'worker', 'workflows'] },
  lib: { folders: ['app', 'components', 'devstack', 'scripts', 'test', 'worker'], workflowsContractOnly: true },
  worker: { folders: ['app', 'components', 'devstack', 'scripts', 'test'], workflowsContractOnly: true },
  components: { folders: ['app', 'db', 'devstack', 'scripts', 'test', 'worker', 'workflows'] },
  app: { folders: ['devstack', 'scripts', 'test', 'worker'], workflowsContractOnly: true },
  devstack: { folders: ['app', 'components', 'scripts', 'test', 'worker', 'workflows'] },
  scripts: { folders: ['app', 'components'], workflowsContractOnly: false },
  test: { folders: ['app', 'components'] },
};

/** Packages a folder must not use at all (the pure core stays pure; workflows stay deterministic). */
const DENY_PACKAGES = {
  scenario: [
    {
      regex: '^(node:|react$|react-dom|next($|/)|@xyflow/|@temporalio/|drizzle-orm|postgres$|@line/|server-only$)',
      message: 'scenario/ is the pure core: no I/O, React, Next, React Flow, Temporal or database packages.',
    },
  ],
  workflows: [
    {
      regex: '^(?!\\.|@temporalio/workflow$|@temporalio/common$)',
      message:
        'Workflow code may import only @temporalio/workflow, @temporalio/common, scenario/ and workflows/ (Temporal sandbox: deterministic, no I/O).',
    },
  ],
  components: [
    {
      regex: '^(node:|server-only$|postgres$|drizzle-orm|@temporalio/|@line/)',
      message: 'components/ is React UI: server packages stay on the server (pages pass data and actions down).',
    },
  ],
  db: [{ regex: '^(next($|/)|react$|@temporalio/)', message: 'db/ is Drizzle and SQL only.' }],
};

/** One config block per folder and depth: '@/x/…' imports and relative imports that climb into a denied folder. */
function boundaryBlocks() {
  const blocks = [];
  for (const [folder, rule] of Object.entries(DENY)) {
    const names = rule.folders.join('|');
    for (let depth = 1; depth <= 6; depth++) {
      const files = [`${folder}/${'*/'.repeat(depth - 1)}*.{ts,tsx,mts,mjs}`];
      const up = `(\\.\\./){${depth}}`;
      const patterns = [
        {
          regex: `^(@/|${up})(${names})(/|$)`,
          message: `${folder}/ must not import from this folder (import boundaries: docs/architecture.md).`,
        },
        ...(DENY_PACKAGES[folder] ?? []),
      ];
      if (rule.workflowsContractOnly) {
        patterns.push({
          regex: `^(@/|${up})workflows/(?!contract$)`,
          message: 'Only workflows/contract.ts (names, inputs, signals, queries, activity interface) may be imported outside workflows/.',
        });
      }
      if (folder === 'workflows' && depth === 1) {
        // Relative imports only into scenario/: Temporal's bundler does not know the '@/' alias.
        patterns.push({ regex: `^\\.\\./(?!scenario/)`, message: 'workflows/ may import only scenario/ (relatively) and itself.' });
      }
      if (folder === 'components') {
        // Client components may use only the lib/ modules that are safe in a browser bundle; server types come through lib/ui-types.
        patterns.push({
          regex: `^(@/|${up})lib/(?!(${CLIENT_SAFE_LIB.join('|')})$)`,
          message: 'components/ may import only client-safe lib/ modules (types of server modules: lib/ui-types.ts).',
        });
      }
      if (folder === 'scenario') {
        patterns.push({ regex: `^@/(?!scenario/)`, message: 'scenario/ imports nothing of ours outside scenario/.' });
      }
      blocks.push({
        files,
        ignores: ['**/*.test.ts', '**/*.test.tsx'],
        rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
      });
    }
  }
  blocks.push({
    files: ['scripts/bench/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  });
  return blocks;
}

/** Nothing outside scripts/bench/ may name the bench workflows or activities. */
const noBenchInProduct = {
  files: ['**/*.{ts,tsx,mjs}'],
  ignores: ['scripts/bench/**'],
  rules: {
    'no-restricted-syntax': [
      'error',
      { selector: 'Identifier[name=/^bench[A-Z]/]', message: 'Bench code lives under scripts/bench/ only.' },
      { selector: 'ImportDeclaration[source.value=/scripts\\/bench/]', message: 'Product code must not import bench code.' },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      '.next-*/**',
      'dist/**',
      '.data/**',
      '.tools/**',
      'db/migrations/**',
      'next-env.d.ts',
      'test-results/**',
      'examples/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ['**/*.{mjs,js}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    plugins: { '@next/next': nextPlugin, 'react-hooks': reactHooks },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  ...boundaryBlocks(),
  noBenchInProduct,
);
