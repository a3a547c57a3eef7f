// The demo opens clean: every demo scenario version validates without a problem against the attributes seed:demo defines.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../scenario/validate';
import { DEMO_ATTRIBUTES, demoScenarios } from './demo-scenarios';

const attributes = DEMO_ATTRIBUTES.map((d) => ({ key: d.key, label: d.label, type: d.type, ...(d.options ? { options: d.options } : {}) }));

describe('demo scenarios', () => {
  const all = demoScenarios(path.join(import.meta.dirname, '..', 'examples')).flatMap(({ file, graphs }) =>
    graphs.map((graph, i) => ({ name: `${file} v${i + 1}`, graph })),
  );

  it.each(all)('$name has no problems with the demo attributes defined', ({ graph }) => {
    expect(validate(graph, { attributes }).map((i) => `${i.code} ${i.message}`)).toEqual([]);
  });

  it('would show problems without them (so the definitions are what makes them clean)', () => {
    const loyal = all.find((s) => s.name === 'loyal-member.json v1');
    expect(validate(loyal!.graph, { attributes: [] }).some((i) => i.code === 'condition_unknown_attribute')).toBe(true);
  });
});
