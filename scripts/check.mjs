#!/usr/bin/env node
// `npm run check`: installs node modules when needed, then typecheck, ESLint (zero warnings) and Prettier; no services, no browsers.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureNodeModules, root } from './ensure-deps.mjs';

ensureNodeModules();
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const steps = [
  ['typecheck', bin('tsc'), ['--noEmit', '-p', '.']],
  ['eslint', bin('eslint'), ['.', '--max-warnings', '0']],
  ['prettier', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
];
for (const [name, cmd, args] of steps) {
  console.log(`[check] ${name} …`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[check] ${name} failed`);
    process.exit(r.status ?? 1);
  }
}
console.log('[check] typecheck, eslint and prettier passed');
