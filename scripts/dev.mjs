#!/usr/bin/env node
// `npm run dev`: installs node modules when needed, then hands over to the dev stack (scripts/dev-stack.ts).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureNodeModules, root } from './ensure-deps.mjs';

ensureNodeModules();
// `node --import tsx` (not the tsx CLI): no relay process between us and the stack, so the stack's
// own signal handling decides how services stop.
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'dev-stack.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
// The stack handles Ctrl-C itself (it receives SIGINT from the terminal too); we only wait for it.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
