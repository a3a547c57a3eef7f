#!/usr/bin/env node
// `npm test`: installs node modules when needed, then runs every vitest layer (unit, integration, browser).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureNodeModules, root } from './ensure-deps.mjs';

ensureNodeModules();
const r = spawnSync(path.join(root, 'node_modules', '.bin', 'vitest'), ['run', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
