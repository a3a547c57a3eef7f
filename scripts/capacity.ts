// `npm run capacity`: prints what a real account needs from the latest bench-results/; `-- --write` also refreshes docs/capacity.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderCapacity } from './capacity/compute';
import { CAPACITY_DOC, withBlock } from './capacity/doc';
import { loadUnitCosts } from './capacity/unit-costs';

const text = renderCapacity(loadUnitCosts());
process.stdout.write(text);
if (process.argv.includes('--write')) {
  writeFileSync(CAPACITY_DOC, withBlock(readFileSync(CAPACITY_DOC, 'utf8'), text));
  console.error('wrote docs/capacity.md');
}
