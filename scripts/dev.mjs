#!/usr/bin/env node
// `npm run dev`: installs node modules when package-lock.json changed, then hands over to the dev stack.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lock = path.join(root, 'package-lock.json');
const stamp = path.join(root, 'node_modules', '.kizuna-lock-hash');
const hash = createHash('sha256').update(readFileSync(lock)).digest('hex');

if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== hash) {
  console.log('[dev] installing node modules (package-lock.json changed) …');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  writeFileSync(stamp, hash);
}

// `node --import tsx` (not the tsx CLI): no relay process between us and the stack, so the stack's
// own signal handling decides how services stop.
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'dev-stack.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
// The stack handles Ctrl-C itself (it receives SIGINT from the terminal too); we only wait for it.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
