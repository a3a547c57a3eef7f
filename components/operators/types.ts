// What the operators page hands its components: one row per operator and the server actions they call.
import type { Role } from '@/lib/auth/roles';
import type { ActionResult } from '@/lib/ui-types';

export interface OperatorView {
  id: string;
  name: string;
  email: string;
  role: Role;
  twoFactorEnabled: boolean;
  totpRequired: boolean;
  canExportFriends: boolean;
  createdAt: number;
  removedAt: number | null;
  /** The signed-in owner's own row (no remove button). */
  isSelf: boolean;
}

export type SignInMode = 'generate' | 'set' | 'sso';

export interface NewOperatorInput {
  email: string;
  name?: string;
  role: Role;
  signIn: SignInMode;
  password?: string;
}

export type CreateOperatorAction = (input: NewOperatorInput) => Promise<ActionResult<{ id: string; generatedPassword: string | null }>>;

export interface OperatorActions {
  changeOperatorRoleAction: (id: string, role: Role) => Promise<ActionResult>;
  setTotpRequiredAction: (id: string, required: boolean) => Promise<ActionResult>;
  setExportGrantAction: (id: string, granted: boolean) => Promise<ActionResult>;
  removeOperatorAction: (id: string) => Promise<ActionResult>;
}
