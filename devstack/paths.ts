// Where the dev stack keeps its state (.data/) and its tools (.tools/), relative to the repo root.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const dataDir = path.join(repoRoot, '.data');
export const toolsDir = path.join(repoRoot, '.tools');
