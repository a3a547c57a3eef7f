// compile(): typed error on invalid graphs, frozen JSON-serialisable plans with resolved outputs, stored plans re-read.
import { describe, expect, it } from 'vitest';
import { compile, compileOrIssues, parsePlan } from './compile';
import { ScenarioInvalidError } from './errors';
import { chainOf, end, graphOf, text, trig } from './fixtures';
import { ScenarioGraphSchema } from './schema';
import { validateAndParse } from './validate';

const graph = graphOf(
  [
    trig(),
    { id: 'b', kind: 'branch', data: { cases: [{ id: 'gold', condition: { type: 'attribute', key: 'rank', op: 'eq', value: 'gold' } }] } },
    text('s', 'hi'),
    end(),
  ],
  [
    ['trigger', 'next', 'b'],
    ['b', 'case:gold', 's'],
    ['b', 'else', 'end'],
    ['s', 'next', 'end'],
  ],
);

describe('compile', () => {
  it('resolves outputs to targets, applies defaults and drops positions', () => {
    const plan = compile(graph);
    expect(plan.entry).toBe('trigger');
    expect(plan.nodes.b?.next).toEqual({ 'case:gold': 's', else: 'end' });
    expect(plan.nodes.end?.next).toEqual({});
    expect(plan.settings.timeZone).toBe('Asia/Tokyo');
    expect(JSON.stringify(plan)).not.toContain('position');
    expect(plan.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('compiles the graph validate() parsed, exactly as the whole-graph schema parses it', () => {
    expect(validateAndParse(graph).graph).toEqual(ScenarioGraphSchema.parse(graph));
  });

  it('is immutable and survives a JSON round trip', () => {
    const plan = compile(graph);
    expect(Object.isFrozen(plan.nodes.b)).toBe(true);
    expect(parsePlan(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
  });

  it('fills defaults the JSON left out', () => {
    const json: unknown = JSON.parse(
      '{"schemaVersion":1,"settings":{"splitSalt":"x"},"nodes":[{"id":"t","kind":"trigger","position":{"x":0,"y":0},"data":{"trigger":{"type":"friend_added"}}},{"id":"e","kind":"end","position":{"x":0,"y":1},"data":{}}],"edges":[{"id":"1","source":"t","sourceHandle":"next","target":"e"}]}',
    );
    const plan = compile(json);
    expect(plan.nodes.t?.data).toEqual({ trigger: { type: 'friend_added', includeRefollow: false }, entryFilter: null, reEntry: 'once' });
  });

  it('throws ScenarioInvalidError with every issue, or returns them', () => {
    const bad = chainOf([trig(), { id: 'w', kind: 'wait', data: { mode: 'duration', amount: 0, unit: 'hours' } }]);
    expect(() => compile(bad)).toThrow(ScenarioInvalidError);
    try {
      compile(bad);
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioInvalidError);
      if (e instanceof ScenarioInvalidError) expect(e.issues.map((i) => i.code).sort()).toEqual(['output_unconnected', 'wait_zero']);
    }
    const r = compileOrIssues(bad);
    expect(r.ok).toBe(false);
  });

  it('refuses a stored plan whose content no longer matches its hash', () => {
    const tampered = JSON.parse(JSON.stringify(compile(graph)));
    tampered.nodes.s.data.messages[0].text = 'changed';
    expect(() => parsePlan(tampered)).toThrow(/hash/);
  });
});
