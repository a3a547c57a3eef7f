'use server';
// policy: session, operators:manage
// Server actions of the operators page (owners only): add an operator, change a role, require TOTP, grant the friends
// export, remove. Each writes exactly one audit row with the operator as its object, and never a password.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record';
import { guardedAction } from '@/lib/auth/guard';
import { changeOperatorRole, createOperator, generatePassword, removeOperator, setOperatorFlags } from '@/lib/auth/manage-operators';
import { ROLES } from '@/lib/auth/roles';
import { AppError, parseOrThrow, toActionError } from '@/lib/errors';
import type { ActionResult } from '@/lib/ui-types';

async function run<T extends object>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    const r = await fn();
    revalidatePath('/operators');
    return { ok: true, ...r };
  } catch (err) {
    return { ok: false, error: toActionError(err) };
  }
}

/** better-auth's ids are opaque text, not uuids. */
const OperatorId = z.string().min(1).max(100);

const NewOperatorInput = z.object({
  email: z.string().trim(),
  name: z.string().trim().max(100).optional(),
  role: z.enum(ROLES),
  /** generate: a password shown once in the answer; set: the owner's own; sso: no password (SSO must be configured). */
  signIn: z.enum(['generate', 'set', 'sso']),
  password: z.string().max(256).optional(),
});

export const createOperatorAction = guardedAction(
  'operators:manage',
  async (caller, input: z.input<typeof NewOperatorInput>): Promise<ActionResult<{ id: string; generatedPassword: string | null }>> =>
    run(async () => {
      const n = parseOrThrow(NewOperatorInput, input);
      const deps = appDeps();
      if (n.signIn === 'sso' && !deps.ssoEnabled)
        throw new AppError('invalid:sso_not_configured', 'single sign-on is not configured; give the operator a password');
      const generatedPassword = n.signIn === 'generate' ? generatePassword() : null;
      const password = n.signIn === 'sso' ? undefined : (generatedPassword ?? n.password ?? '');
      const op = await createOperator(deps.auth, deps.db, { email: n.email, name: n.name || undefined, role: n.role, password });
      await recordAudit(deps.db, actorOf(caller), {
        action: 'operator_created',
        object: { type: 'operator', id: op.id },
        detail: { via: 'ui', role: n.role, signIn: n.signIn },
      });
      return { id: op.id, generatedPassword };
    }),
);

export const changeOperatorRoleAction = guardedAction('operators:manage', async (caller, id: string, role: string): Promise<ActionResult> =>
  run(async () => {
    const p = parseOrThrow(z.object({ id: OperatorId, role: z.enum(ROLES) }), { id, role });
    // The change and its audit row commit together; changeOperatorRole refuses to demote the last owner.
    await appDeps().db.transaction(async (tx) => {
      const change = await changeOperatorRole(tx, p.id, p.role);
      await recordAudit(tx, actorOf(caller), { action: 'operator_role_changed', object: { type: 'operator', id: p.id }, detail: change });
    });
    return {};
  }),
);

export const setTotpRequiredAction = guardedAction(
  'operators:manage',
  async (caller, id: string, required: boolean): Promise<ActionResult> =>
    run(async () => {
      const p = parseOrThrow(z.object({ id: OperatorId, required: z.boolean() }), { id, required });
      await appDeps().db.transaction(async (tx) => {
        await setOperatorFlags(tx, p.id, { totpRequired: p.required });
        await recordAudit(tx, actorOf(caller), {
          action: 'operator_totp_required',
          object: { type: 'operator', id: p.id },
          detail: { required: p.required },
        });
      });
      return {};
    }),
);

export const setExportGrantAction = guardedAction('operators:manage', async (caller, id: string, granted: boolean): Promise<ActionResult> =>
  run(async () => {
    const p = parseOrThrow(z.object({ id: OperatorId, granted: z.boolean() }), { id, granted });
    await appDeps().db.transaction(async (tx) => {
      await setOperatorFlags(tx, p.id, { canExportFriends: p.granted });
      await recordAudit(tx, actorOf(caller), {
        action: 'operator_export_grant',
        object: { type: 'operator', id: p.id },
        detail: { granted: p.granted },
      });
    });
    return {};
  }),
);

export const removeOperatorAction = guardedAction('operators:manage', async (caller, id: string): Promise<ActionResult> =>
  run(async () => {
    const p = parseOrThrow(z.object({ id: OperatorId }), { id });
    // Removing yourself would end your own session mid-request; another owner does it.
    if (p.id === caller.operator.id) throw new AppError('conflict:remove_self', 'you cannot remove yourself');
    await appDeps().db.transaction(async (tx) => {
      const removed = await removeOperator(tx, p.id);
      await recordAudit(tx, actorOf(caller), {
        action: 'operator_removed',
        object: { type: 'operator', id: p.id },
        detail: { role: removed.role },
      });
    });
    return {};
  }),
);
