// Signed tokens: tracked links and member-link parameters verify, and any tampering or reuse across purposes fails.
import { describe, expect, it } from 'vitest';
import { memberLinkToken, readMemberLinkToken, withMemberLink } from './member-link';
import { readTrackedToken, trackedUrl } from './tracked';

const secret = 'unit-test-secret-0123456789abcdef';
const link = {
  runId: 'scn-1:friend-1:follow-1',
  nodeId: 'send_1',
  friendId: '0b7c2f5e-8d5a-4c3b-9a41-1f2e3d4c5b6a',
  target: 'https://shop.example.com/items/42?utm_source=line',
  isTest: false,
};

describe('tracked links', () => {
  it('round-trips run, node, friend, target and test flag', () => {
    const url = trackedUrl(link, { baseUrl: 'https://kizuna.example.com/', secret });
    expect(url).toMatch(/^https:\/\/kizuna\.example\.com\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const token = url.split('/r/')[1] ?? '';
    expect(readTrackedToken(token, secret)).toEqual(link);
    const test = trackedUrl({ ...link, isTest: true }, { baseUrl: 'https://k.example', secret }).split('/r/')[1] ?? '';
    expect(readTrackedToken(test, secret)?.isTest).toBe(true);
  });

  it('refuses a token with any character changed, another secret, or garbage', () => {
    const token = trackedUrl(link, { baseUrl: 'https://k.example', secret }).split('/r/')[1] ?? '';
    for (let i = 0; i < token.length; i += 1) {
      const c = token[i] === 'A' ? 'B' : 'A';
      const bad = token.slice(0, i) + c + token.slice(i + 1);
      if (bad !== token) expect(readTrackedToken(bad, secret)).toBeNull();
    }
    expect(readTrackedToken(token, 'another-secret-0123456789abcdef')).toBeNull();
    for (const junk of ['', '.', 'abc', 'a.b.c', '../etc', `${token}x`]) expect(readTrackedToken(junk, secret)).toBeNull();
  });

  it('is compact: the target in base64 plus about 80 characters', () => {
    const url = trackedUrl(link, { baseUrl: 'https://k.example', secret });
    expect(url.length - Math.ceil((link.target.length * 4) / 3)).toBeLessThan(120);
  });

  it('refuses a javascript: target (no open redirect to scripts)', () => {
    expect(() => trackedUrl({ ...link, target: 'javascript:alert(1)' }, { baseUrl: 'https://k.example', secret })).toThrow();
  });
});

describe('member-link parameters', () => {
  const now = new Date('2025-04-01T10:00:00Z');
  it('verify until they expire', () => {
    const token = memberLinkToken(link.friendId, { now, ttlMs: 60_000, secret });
    expect(readMemberLinkToken(token, { now, secret })).toEqual({ ok: true, friendId: link.friendId });
    expect(readMemberLinkToken(token, { now: new Date(now.getTime() + 61_000), secret })).toEqual({ ok: false, reason: 'expired' });
  });

  it('cannot be used as a tracked-link token, nor the reverse', () => {
    const member = memberLinkToken(link.friendId, { now, secret });
    expect(readTrackedToken(member, secret)).toBeNull();
    const tracked = trackedUrl(link, { baseUrl: 'https://k.example', secret }).split('/r/')[1] ?? '';
    expect(readMemberLinkToken(tracked, { now, secret })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('is added to a URL keeping its other parameters', () => {
    const u = new URL(withMemberLink('https://shop.example.com/login?next=/cart', link.friendId, { now, secret }));
    expect(u.searchParams.get('next')).toBe('/cart');
    expect(readMemberLinkToken(u.searchParams.get('kz_link') ?? '', { now, secret }).ok).toBe(true);
  });
});
