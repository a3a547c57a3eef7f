// connectionProblem(): the editor's isValidConnection, table-driven.
import { describe, expect, it } from 'vitest';
import { connectionProblem, type Connection } from './connect';
import { graphOf, text, trig } from './fixtures';

const g = graphOf(
  [
    trig(),
    text('a', 'A'),
    { id: 'w', kind: 'wait', data: { mode: 'duration', amount: 1, unit: 'days' } },
    { id: 'b', kind: 'branch', data: { cases: [{ id: 'x', condition: { type: 'linked', linked: true } }] } },
    text('c', 'C'),
    { id: 'end', kind: 'end', data: {} },
  ],
  [
    ['trigger', 'next', 'a'],
    ['a', 'next', 'b'],
    ['b', 'case:x', 'c'],
    ['c', 'next', 'w'],
  ],
);

describe('connectionProblem', () => {
  it.each<[string, Connection, string | null]>([
    ['a free output to a step', { source: 'b', sourceHandle: 'else', target: 'end' }, null],
    ['into the trigger', { source: 'b', sourceHandle: 'else', target: 'trigger' }, 'edge_into_trigger'],
    ['from an output the step lacks', { source: 'b', sourceHandle: 'case:y', target: 'end' }, 'edge_unknown_output'],
    ['from the end', { source: 'end', sourceHandle: null, target: 'a' }, 'edge_unknown_output'],
    ['a second edge from one output', { source: 'a', sourceHandle: 'next', target: 'end' }, 'output_connected_twice'],
    ['a loop with no wait', { source: 'b', sourceHandle: 'else', target: 'a' }, 'cycle_without_wait'],
    ['a self loop', { source: 'b', sourceHandle: 'else', target: 'b' }, 'cycle_without_wait'],
    ['a loop through a wait', { source: 'w', sourceHandle: 'next', target: 'a' }, null],
    ['to a missing step', { source: 'a', sourceHandle: 'next', target: 'ghost' }, 'edge_unknown_target'],
  ])('%s', (_n, c, code) => expect(connectionProblem(g, c)?.code ?? null).toBe(code));
});
