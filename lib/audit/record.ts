// Appends one row to the audit log. Every audited action calls this exactly once, after it has succeeded (failed
// sign-ins are the exception: the failure is the fact recorded).
import type { DbOrTx } from '@/db/client';
import { auditLog } from '@/db/schema';

export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'owner_created',
  'operator_created',
  'operator_role_changed',
  'operator_removed',
  'operator_totp_required',
  'operator_export_grant',
  'password_changed',
  'operator_password_reset',
  'totp_enabled',
  'totp_disabled',
  'scenario_created',
  'scenario_published',
  'scenario_paused',
  'scenario_resumed',
  'scenario_stopped',
  'scenario_duplicated',
  'scenario_archived',
  'scenario_unarchived',
  'scenario_deleted',
  'scenario_version_restored',
  'scenario_runs_migrated',
  'test_send',
  'friends_exported',
  'friends_imported',
  'friend_tags_edited',
  'friends_bulk_tagged',
  'friends_bulk_untagged',
  'friends_bulk_scenario_started',
  'friend_attributes_edited',
  'friend_test_marked',
  'friend_erased',
  'link_conflict_resolved',
  'attribute_definition_changed',
  'api_key_created',
  'api_key_revoked',
  'settings_changed',
  'dispatch_retried',
  'auto_reply_changed',
  'form_saved',
  'inflow_route_saved',
  'form_responses_exported',
  'chat_message_sent',
  'chat_handling_changed',
  'chat_assigned',
  'rich_menu_saved',
  'rich_menu_published',
  'rich_menu_default_set',
  'rich_menu_rules_changed',
  'coupon_created',
  'coupon_closed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditActor {
  /** The operator's id, or null for an anonymous attempt or a script. */
  id: string | null;
  email?: string | null;
  ip?: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  object?: { type: string; id: string } | null;
  detail?: Record<string, unknown>;
}

export async function recordAudit(db: DbOrTx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: actor.id,
    actorEmail: actor.email ?? null,
    ip: actor.ip ?? null,
    action: entry.action,
    objectType: entry.object?.type ?? null,
    objectId: entry.object?.id ?? null,
    detail: entry.detail ?? {},
  });
}
