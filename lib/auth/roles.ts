// Roles and permissions: one role per operator, and the matrix of what each role may do. Client-safe (no server
// imports): pages hide buttons with `can`, and the server checks the same matrix in every action and route.
export const ROLES = ['owner', 'publisher', 'editor', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** See scenarios, their canvases, versions and flow; every role. */
  'scenarios:read',
  /** Create scenarios, edit drafts, preview with test friends. */
  'scenarios:edit',
  /** テスト配信: run the draft for a test friend. */
  'scenarios:test_send',
  /** Publish, pause, resume and stop scenarios; segment broadcasts. */
  'scenarios:publish',
  /** Analytics and reports (aggregates). */
  'analytics:read',
  /** Friend lists and friend pages with display names only. */
  'friends:read',
  /** A friend's attributes, events, tags and history (personal data beyond the display name). */
  'friends:read_details',
  /** Tags, attributes, marking test friends, CSV import. */
  'friends:edit',
  /** Export friends as CSV: owners, or operators given the separate grant. */
  'friends:export',
  /** Erase a friend's personal data for good (APPI/GDPR requests): owners only. */
  'friends:erase',
  /** Attribute definitions (設定 → 属性の定義). */
  'attributes:manage',
  /** The dev LINE sandbox phone. */
  'sandbox:use',
  /** The audit log. */
  'audit:read',
  /** API keys. */
  'api_keys:manage',
  /** Operators and their roles. */
  'operators:manage',
  /** LINE channel and account-wide settings. */
  'settings:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const analyst: Permission[] = ['scenarios:read', 'analytics:read', 'friends:read', 'friends:read_details'];
const editor: Permission[] = [...analyst, 'scenarios:edit', 'scenarios:test_send', 'friends:edit', 'attributes:manage', 'sandbox:use'];
const publisher: Permission[] = [...editor, 'scenarios:publish', 'audit:read'];

/** The matrix; docs/security.md shows the same table and a test keeps the two equal. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  publisher,
  editor,
  analyst,
  viewer: ['scenarios:read', 'analytics:read', 'friends:read'],
};

export interface RoleHolder {
  role: Role;
  /** The separate grant for `friends:export`. */
  canExportFriends?: boolean;
}

export function can(who: RoleHolder | null | undefined, permission: Permission): boolean {
  if (!who) return false;
  if (permission === 'friends:export' && who.canExportFriends) return true;
  return ROLE_PERMISSIONS[who.role].includes(permission);
}

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

/** API key scopes: what a key may do on the public API. */
export const API_SCOPES = ['events:write', 'friends:read', 'friends:write', 'friends:erase', 'links:write'] as const;
export type ApiScope = (typeof API_SCOPES)[number];
export function isApiScope(x: unknown): x is ApiScope {
  return typeof x === 'string' && (API_SCOPES as readonly string[]).includes(x);
}
