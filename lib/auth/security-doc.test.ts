// docs/security.md cannot drift from the code: its role matrix is ROLE_PERMISSIONS exactly, and its entry-point tables
// name only real permissions, scopes and public reasons (which entry points they list is checked where the code is
// walked: test/access-pages.test.ts and test/access-policy.int.test.ts).
import { describe, expect, it } from 'vitest';
import { docEntryPoints, docRoleMatrix, readSecurityDoc } from '@/test/entry-points';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES } from './roles';

const doc = readSecurityDoc();

describe('docs/security.md', () => {
  const { roles, permissions, matrix, badCells } = docRoleMatrix(doc);

  it('has one column per role and one row per permission, in the code order', () => {
    expect(roles).toEqual([...ROLES]);
    expect(permissions).toEqual([...PERMISSIONS]);
    expect(badCells).toEqual([]);
  });

  it.each(ROLES)('the %s column ticks exactly what ROLE_PERMISSIONS grants', (role) => {
    expect([...(matrix[role] ?? [])].sort()).toEqual([...ROLE_PERMISSIONS[role]].sort());
  });

  it('gives every listed entry point one known policy', () => {
    const { entries, problems } = docEntryPoints(doc);
    expect(problems).toEqual([]);
    expect(entries.size).toBeGreaterThan(20);
  });
});
