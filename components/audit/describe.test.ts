// The audit page's words and query string: every action has a label in both languages, details read as sentences
// without leaking what was never recorded, and JST day filters become the right instants whatever the machine's zone.
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '@/lib/audit/record';
import { actionLabel, describeDetail, objectTypeLabel } from './describe';
import { auditHref, auditRange, parseAuditSearchParams } from './search-params';

describe('audit words', () => {
  it('names every action in Japanese and English', () => {
    for (const a of AUDIT_ACTIONS) {
      expect(actionLabel('ja', a)).toMatch(/\S/);
      expect(actionLabel('en', a)).toMatch(/\S/);
      expect(actionLabel('ja', a)).not.toBe(actionLabel('en', a));
    }
    expect(objectTypeLabel('ja', 'scenario')).toBe('シナリオ');
    expect(objectTypeLabel('en', 'something_new')).toBe('something_new');
  });

  it('summarises details in words', () => {
    expect(describeDetail('ja', 'operator_role_changed', { before: 'viewer', after: 'editor' }, {})).toBe('閲覧のみ → 編集者');
    expect(describeDetail('en', 'scenario_published', { version: 3, versionId: 'v', hash: 'abcdef0123456789' }, {})).toBe(
      'Version 3 (hash abcdef012345)',
    );
    expect(describeDetail('ja', 'friend_test_marked', { isTest: true }, {})).toBe('テスト友だちにしました');
    expect(describeDetail('en', 'sign_in', { method: 'password+totp' }, {})).toBe('Method: password + two-factor');
    expect(describeDetail('en', 'sign_in_failed', { step: 'totp' }, {})).toBe('Wrong two-factor code');
    expect(describeDetail('ja', 'friends_imported', { created: 2, updated: 5 }, {})).toBe('新規 2人・更新 5人');
    expect(describeDetail('en', 'test_send', { friendId: 'f1', runId: 'r' }, { 'friend:f1': 'Hanako' })).toBe('Test friend: Hanako');
    expect(describeDetail('en', 'test_send', { friendId: 'gone' }, {})).toBe('Test friend: (deleted)');
    expect(describeDetail('en', 'api_key_created', { name: 'EC', scopes: ['events:write', 'links:write'], expiresAt: null }, {})).toBe(
      'Scopes: Send events, Account linking · expires: never',
    );
    expect(describeDetail('ja', 'api_key_created', { scopes: ['friends:read'], expiresAt: '2025-04-30T15:00:00.000Z' }, {})).toBe(
      '権限：友だちの読み取り・有効期限：2025/05/01 00:00 JST',
    );
    const rows = { friend: 1, tags: 2, events: 0, outbox: 4, runs: 0, linkNonces: 0, linkConflicts: 0, webhookEvents: 0 };
    expect(describeDetail('ja', 'friend_erased', { via: 'ui', status: 'erased', ...rows }, {})).toBe(
      '経路：管理画面 · 消去しました · 消去した記録：友だち 1件、タグ 2件、配信メッセージ 4件',
    );
    expect(
      describeDetail('en', 'friend_erased', { via: 'api', apiKeyId: 'k', status: 'not_found', ...rows, friend: 0, tags: 0, outbox: 0 }, {}),
    ).toBe('Via: API · no such friend');
    expect(describeDetail('ja', 'owner_created', { via: 'npm run dev' }, {})).toBe('経路：開発用の起動（npm run dev）');
    expect(describeDetail('ja', 'link_conflict_resolved', { conflictId: 'c', resolution: 'kept_holder' }, {})).toBe(
      '会員IDは今の友だちのままにしました。',
    );
    // A shape this file does not know still shows, as key: value.
    expect(describeDetail('en', 'settings_changed', { channel: 'renamed' }, {})).toBe('channel: renamed');
  });
});

describe('audit search params', () => {
  it('keeps good values, drops bad ones', () => {
    const p = parseAuditSearchParams({
      action: 'sign_in',
      actor: ' a@example.jp ',
      from: '2025-04-01',
      to: '2025-02-30',
      before: 'nope',
      type: ['friend', 'x'],
    });
    expect(p).toEqual({ action: 'sign_in', actor: 'a@example.jp', from: '2025-04-01', type: 'friend' });
    expect(parseAuditSearchParams({ action: "'; drop table" })).toEqual({});
  });

  it('turns JST days into instants, the `to` day included', () => {
    const r = auditRange(parseAuditSearchParams({ from: '2025-04-01', to: '2025-04-01' }));
    expect(r.from?.toISOString()).toBe('2025-03-31T15:00:00.000Z');
    expect(r.to?.toISOString()).toBe('2025-04-01T15:00:00.000Z');
  });

  it('links to older rows with the same filters', () => {
    const p = parseAuditSearchParams({ action: 'test_send', from: '2025-04-01' });
    expect(auditHref(p, '00000000-0000-4000-8000-000000000001')).toBe(
      '/audit?action=test_send&from=2025-04-01&before=00000000-0000-4000-8000-000000000001',
    );
    expect(auditHref({})).toBe('/audit');
  });
});
