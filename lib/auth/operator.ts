// The signed-in operator as the rest of the app sees it, resolved from a request's session cookie.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { operators } from '@/db/schema';
import type { Auth } from './auth';
import { isRole, type Role } from './roles';

export interface Operator {
  id: string;
  email: string;
  name: string;
  role: Role;
  canExportFriends: boolean;
  totpRequired: boolean;
  twoFactorEnabled: boolean;
}

/** The operator whose live session the headers carry; null when none, expired, or the operator was removed. */
export async function operatorFromHeaders(auth: Auth, db: DbOrTx, headers: Headers): Promise<Operator | null> {
  const s = await auth.api.getSession({ headers }).catch(() => null);
  if (!s) return null;
  // The row, not the session's cached copy: a role change or removal takes effect on the next request.
  const [row] = await db.select().from(operators).where(eq(operators.id, s.user.id));
  if (!row || row.disabledAt || !isRole(row.role)) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    canExportFriends: row.canExportFriends,
    totpRequired: row.totpRequired,
    twoFactorEnabled: row.twoFactorEnabled ?? false,
  };
}

/** An operator who must enrol TOTP and has not yet may only reach their own account page. */
export function needsTotpEnrolment(op: Operator): boolean {
  return op.totpRequired && !op.twoFactorEnabled;
}
