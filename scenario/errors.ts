// Typed errors the core throws: an invalid graph handed to compile(), a run state that does not belong to its plan.
import type { ValidationIssue } from './validate';

export class ScenarioInvalidError extends Error {
  readonly code = 'invalid:scenario';
  constructor(readonly issues: ValidationIssue[]) {
    super(
      `The scenario has ${issues.length} problem${issues.length === 1 ? '' : 's'}: ${issues
        .slice(0, 3)
        .map((i) => i.message)
        .join(' ')}`,
    );
    this.name = 'ScenarioInvalidError';
  }
}

export class PlanMismatchError extends Error {
  readonly code = 'conflict:plan';
  constructor(message: string) {
    super(message);
    this.name = 'PlanMismatchError';
  }
}
