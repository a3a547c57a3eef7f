// Audit rows in words: the action, the object's kind and a one-line summary of the detail (ja/en). Pure, so the
// audit page and its unit test share it.
import { isApiScope, isRole } from '@/lib/auth/roles';
import { formatInstant } from '@/lib/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { AuditAction } from '@/lib/ui-types';

/** Object names keyed `type:id` (scenario name, operator email, API key name, friend display name). */
export type AuditNames = Record<string, string>;

export const OBJECT_TYPES = ['scenario', 'operator', 'friend', 'api_key', 'attribute'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];
export const isObjectType = (x: string | null): x is ObjectType => (OBJECT_TYPES as readonly (string | null)[]).includes(x);

export const actionLabel = (lang: Lang, action: AuditAction): string => t(lang, `audit.action.${action}`);
export const objectTypeLabel = (lang: Lang, type: string): string => (isObjectType(type) ? t(lang, `audit.object.${type}`) : type);

const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k: string) => String(vars[k] ?? m));
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const roleLabel = (lang: Lang, v: unknown) => (isRole(v) ? t(lang, `role.${v}`) : String(v ?? '—'));

function via(lang: Lang, v: unknown): string {
  if (v === 'ui' || v === 'setup' || v === 'api') return t(lang, `audit.via.${v}`);
  if (v === 'npm run dev') return t(lang, 'audit.via.dev');
  return String(v);
}

/** A scope's short name: its dictionary sentence up to the bracket that quotes the endpoint. */
const scopeLabel = (lang: Lang, s: string): string => (isApiScope(s) ? (t(lang, `apiKeys.scope.${s}`).split(/（| \(/)[0] ?? s) : s);

const ERASED_ROWS = ['friend', 'tags', 'events', 'outbox', 'runs', 'webhookEvents', 'linkNonces', 'linkConflicts'] as const;

/** An erasure in words: how it was asked for, what it found and how many records of each kind it erased. */
function erased(lang: Lang, d: Record<string, unknown>): string {
  const status =
    d.status === 'erased' || d.status === 'already_erased' || d.status === 'not_found' ? t(lang, `audit.erased.${d.status}`) : null;
  const rows = ERASED_ROWS.filter((k) => (num(d[k]) ?? 0) > 0).map((k) =>
    fill(t(lang, 'audit.erased.count'), { what: t(lang, `audit.erased.row.${k}`), n: num(d[k]) ?? 0 }),
  );
  return [
    d.via !== undefined ? fill(t(lang, 'audit.detail.via'), { v: via(lang, d.via) }) : null,
    status,
    rows.length > 0 ? fill(t(lang, 'audit.erased.rows'), { rows: rows.join(t(lang, 'audit.erased.sep')) }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Any detail nobody taught this file: `key: value` pairs, values shortened. */
function generic(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${(typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 80)}`)
    .join(' · ');
}

export function describeDetail(lang: Lang, action: AuditAction, detail: Record<string, unknown>, names: AuditNames): string {
  const d = detail;
  const words = (key: Parameters<typeof t>[1], vars: Record<string, string | number> = {}) => fill(t(lang, key), vars);
  switch (action) {
    case 'sign_in': {
      const m = str(d.method);
      return m === 'password' || m === 'password+totp' || m === 'sso'
        ? words('audit.detail.method', { v: t(lang, `audit.detail.method.${m}`) })
        : generic(d);
    }
    case 'sign_in_failed':
      return d.step === 'totp' ? words('audit.detail.failed.totp') : words('audit.detail.failed.password');
    case 'owner_created':
    case 'operator_created':
      return [
        d.via !== undefined ? words('audit.detail.via', { v: via(lang, d.via) }) : null,
        d.role !== undefined ? words('audit.detail.role', { v: roleLabel(lang, d.role) }) : null,
      ]
        .filter(Boolean)
        .join(' · ');
    case 'operator_role_changed':
      return words('audit.detail.roleChange', { before: roleLabel(lang, d.before), after: roleLabel(lang, d.after) });
    case 'operator_removed':
      return d.role !== undefined ? words('audit.detail.role', { v: roleLabel(lang, d.role) }) : '';
    case 'operator_totp_required':
      return bool(d.required) === null ? generic(d) : words(d.required ? 'audit.detail.required.on' : 'audit.detail.required.off');
    case 'operator_export_grant':
      return bool(d.granted) === null ? generic(d) : words(d.granted ? 'audit.detail.grant.on' : 'audit.detail.grant.off');
    case 'scenario_published':
      return num(d.version) === null
        ? generic(d)
        : words('audit.detail.version', { version: num(d.version) ?? '', hash: (str(d.hash) ?? '').slice(0, 12) });
    case 'test_send': {
      const id = str(d.friendId);
      return id ? words('audit.detail.testSend', { friend: names[`friend:${id}`] ?? t(lang, 'audit.missing') }) : generic(d);
    }
    case 'friends_exported':
      return d.via !== undefined ? words('audit.detail.via', { v: via(lang, d.via) }) : '';
    case 'friends_imported':
      return words('audit.detail.imported', { created: num(d.created) ?? 0, updated: num(d.updated) ?? 0 });
    case 'friend_tags_edited': {
      const added = str(d.added);
      const removed = str(d.removed);
      if (added) return words('audit.detail.tagAdded', { tag: added });
      return removed ? words('audit.detail.tagRemoved', { tag: removed }) : generic(d);
    }
    case 'friends_bulk_tagged':
    case 'friends_bulk_untagged':
      return str(d.tag)
        ? words(action === 'friends_bulk_tagged' ? 'bulk.audit.tagged' : 'bulk.audit.untagged', {
            tag: str(d.tag) ?? '',
            n: num(d.friends) ?? 0,
            changed: num(d.changed) ?? 0,
          })
        : generic(d);
    case 'friends_bulk_scenario_started':
      return num(d.friends) === null ? generic(d) : words('bulk.audit.started', { n: num(d.friends) ?? 0, queued: num(d.queued) ?? 0 });
    case 'friend_attributes_edited':
      return str(d.key) ? words('audit.detail.attribute', { key: str(d.key) ?? '' }) : generic(d);
    case 'friend_test_marked':
      return bool(d.isTest) === null ? generic(d) : words(d.isTest ? 'audit.detail.test.on' : 'audit.detail.test.off');
    case 'attribute_definition_changed':
      // The key is the object id; the change says what happened to it.
      return d.change === 'created' || d.change === 'edited' || d.change === 'deleted'
        ? t(lang, `audit.detail.definition.${d.change}`)
        : generic(d);
    case 'api_key_created': {
      const scopes = Array.isArray(d.scopes) ? d.scopes.filter((s): s is string => typeof s === 'string') : [];
      const exp = str(d.expiresAt);
      const expires = exp && !Number.isNaN(Date.parse(exp)) ? formatInstant(new Date(exp), lang) : t(lang, 'audit.detail.noExpiry');
      return words('audit.detail.keyCreated', {
        scopes: scopes.map((s) => scopeLabel(lang, s)).join(t(lang, 'audit.erased.sep')) || '—',
        expires,
      });
    }
    case 'sign_out':
    case 'password_changed':
    case 'operator_password_reset':
    case 'totp_enabled':
    case 'totp_disabled':
    case 'scenario_created':
      return str(d.name) ? words('audit.detail.name', { name: str(d.name) ?? '' }) : generic(d);
    case 'friend_erased':
      return erased(lang, d);
    case 'scenario_duplicated': {
      const source = str(d.sourceId);
      return source ? words('audit.detail.duplicated', { source: names[`scenario:${source}`] ?? t(lang, 'audit.missing') }) : generic(d);
    }
    case 'scenario_archived':
      return d.stopped === true ? words('audit.detail.archivedStopped', { n: num(d.activeRuns) ?? 0 }) : '';
    case 'scenario_unarchived':
      return d.status === 'draft' || d.status === 'stopped'
        ? words('audit.detail.unarchived', { status: t(lang, `status.${d.status}`) })
        : '';
    case 'scenario_deleted':
      return str(d.name) ? words('audit.detail.name', { name: str(d.name) ?? '' }) : generic(d);
    case 'scenario_version_restored':
      return num(d.version) === null
        ? generic(d)
        : words('audit.detail.restored', { version: num(d.version) ?? '', revision: num(d.revision) ?? '' });
    case 'scenario_runs_migrated':
      return num(d.to) === null
        ? generic(d)
        : words('audit.detail.migrated', { from: num(d.from) ?? '', to: num(d.to) ?? '', moving: num(d.moving) ?? 0 });
    case 'link_conflict_resolved':
      return d.resolution === 'kept_holder' || d.resolution === 'moved_to_claimant'
        ? t(lang, `linkConflicts.done.${d.resolution}`)
        : generic(d);
    case 'scenario_paused':
    case 'scenario_resumed':
    case 'scenario_stopped':
    case 'api_key_revoked':
    case 'settings_changed':
    case 'dispatch_retried':
    case 'auto_reply_changed':
    case 'form_saved':
    case 'inflow_route_saved':
    case 'form_responses_exported':
    case 'chat_message_sent':
    case 'chat_handling_changed':
    case 'chat_assigned':
    case 'rich_menu_saved':
    case 'rich_menu_published':
    case 'rich_menu_default_set':
    case 'rich_menu_rules_changed':
    case 'coupon_created':
    case 'coupon_closed':
      return generic(d);
  }
}
