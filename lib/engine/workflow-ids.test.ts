import { describe, expect, it } from 'vitest';
import { runWorkflowId, workflowIdOfRun } from './workflow-ids';

describe('workflow ids', () => {
  it('collapse duplicate triggers unless the scenario re-enters on every occurrence', () => {
    expect(runWorkflowId('s1', 'f1', 'once', 'e1')).toBe(runWorkflowId('s1', 'f1', 'once', 'e2'));
    expect(runWorkflowId('s1', 'f1', 'after_exit', 'e1')).toBe('run-s1-f1');
    expect(runWorkflowId('s1', 'f1', 'always', 'e1')).not.toBe(runWorkflowId('s1', 'f1', 'always', 'e2'));
  });
  it('recover the workflow id from a run id', () => {
    expect(workflowIdOfRun('run-s1-f1:abcd1234')).toBe('run-s1-f1');
  });
});
