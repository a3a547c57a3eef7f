// Shop-signed link assertions: a good one verifies; expired, too long-lived, tampered, another key's or malformed do not.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signShopAssertion, verifyShopAssertion } from './shop-assertion';

const secret = 'shop-link-secret-0123456789abcdef-xyz';
const now = new Date('2025-04-01T10:00:00Z');
const inMinutes = (m: number) => Math.floor(now.getTime() / 1000) + m * 60;
const good = { memberId: 'SHOP-42', nonce: 'state-from-kizuna.sig', exp: inMinutes(5) };

describe('verifyShopAssertion', () => {
  it('answers member and nonce for a good assertion', () => {
    expect(verifyShopAssertion(signShopAssertion(good, secret), { secret, now })).toEqual({
      ok: true,
      memberId: 'SHOP-42',
      nonce: 'state-from-kizuna.sig',
    });
  });

  it('matches what the shop builds with node:crypto by hand (docs/line-edge.md)', () => {
    const payload = Buffer.from(JSON.stringify(good)).toString('base64url');
    const sig = createHmac('sha256', secret).update(payload).digest('base64url');
    expect(verifyShopAssertion(`${payload}.${sig}`, { secret, now }).ok).toBe(true);
  });

  it('refuses an expired one, and one that lives longer than 10 minutes', () => {
    expect(verifyShopAssertion(signShopAssertion({ ...good, exp: inMinutes(0) }, secret), { secret, now })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyShopAssertion(signShopAssertion({ ...good, exp: inMinutes(-1) }, secret), { secret, now })).toMatchObject({
      reason: 'expired',
    });
    expect(verifyShopAssertion(signShopAssertion({ ...good, exp: inMinutes(10) }, secret), { secret, now }).ok).toBe(true);
    expect(verifyShopAssertion(signShopAssertion({ ...good, exp: inMinutes(10) + 1 }, secret), { secret, now })).toEqual({
      ok: false,
      reason: 'too_long',
    });
  });

  it('refuses a tampered payload or signature, character by character', () => {
    const token = signShopAssertion(good, secret);
    for (let i = 0; i < token.length; i += 1) {
      if (token[i] === '.') continue;
      const bad = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect(verifyShopAssertion(bad, { secret, now }).ok).toBe(false);
    }
    // Another member id under the original signature.
    const [, sig] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...good, memberId: 'SHOP-1' })).toString('base64url')}.${sig}`;
    expect(verifyShopAssertion(forged, { secret, now })).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses an assertion signed with another key', () => {
    const other = signShopAssertion(good, 'another-shop-secret-0123456789abcdef');
    expect(verifyShopAssertion(other, { secret, now })).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses garbage and well-signed payloads of the wrong shape', () => {
    for (const junk of ['', '.', 'abc', 'a.b.c', 'a b.c', `${signShopAssertion(good, secret)}.x`]) {
      expect(verifyShopAssertion(junk, { secret, now }).ok).toBe(false);
    }
    const sign = (body: string) => `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
    expect(verifyShopAssertion(sign(Buffer.from('not json').toString('base64url')), { secret, now })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    for (const shape of [
      { ...good, exp: String(good.exp) },
      { ...good, memberId: '' },
      { memberId: 'M', exp: good.exp },
      { ...good, extra: 1 },
    ]) {
      expect(verifyShopAssertion(sign(Buffer.from(JSON.stringify(shape)).toString('base64url')), { secret, now })).toEqual({
        ok: false,
        reason: 'malformed',
      });
    }
  });
});
