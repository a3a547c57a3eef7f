// VALIDATION_CODES is the graph's codes plus every kind's, and docs/scenario-format.md lists exactly those, with the same meanings.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from './nodes';
import { NODE_KINDS } from './schema';
import { GRAPH_VALIDATION_CODES, VALIDATION_CODES } from './validation-codes';

const doc = readFileSync(path.resolve(import.meta.dirname, '../docs/scenario-format.md'), 'utf8');
const section = doc.split(/^## /m).find((s) => s.startsWith('Validation')) ?? '';
/** Each table of the section as code → meaning. */
const tables = section
  .split(/\n\n(?=\|\s*Code\s*\|\s*Meaning\s*\|)/)
  .slice(1)
  .map((t) => Object.fromEntries([...t.matchAll(/^\|\s*`(\w+)`\s*\|(.*)\|$/gm)].map((m) => [m[1], (m[2] ?? '').trim()])));

describe('validation codes', () => {
  it('are the graph codes and the codes every kind declares', () => {
    const declared = NODE_KINDS.flatMap((k) => Object.keys(nodeRegistry[k].codes));
    expect(new Set(Object.keys(VALIDATION_CODES))).toEqual(new Set([...Object.keys(GRAPH_VALIDATION_CODES), ...declared]));
  });

  it('give one meaning per code, whichever kinds declare it', () => {
    for (const k of NODE_KINDS) {
      for (const [code, meaning] of Object.entries(nodeRegistry[k].codes)) expect(VALIDATION_CODES).toHaveProperty(code, meaning);
    }
  });

  it('are listed in docs/scenario-format.md with the same meanings', () => {
    expect(tables).toHaveLength(2);
    expect(tables[0]).toEqual(GRAPH_VALIDATION_CODES);
    expect({ ...tables[0], ...tables[1] }).toEqual(VALIDATION_CODES);
  });
});
