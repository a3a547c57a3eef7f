// Compact signed tokens: base64url(payload) "." base64url(HMAC-SHA256 truncated), keyed per purpose from KIZUNA_SECRET.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';

/** 128 bits of MAC is plenty against forgery and keeps links short. */
const MAC_BYTES = 16;
const B64URL = /^[A-Za-z0-9_-]+$/;

export type TokenPurpose = 'tracked-link' | 'member-link' | 'account-link' | 'shop-link' | 'form-link' | 'inflow-login' | 'rich-menu-link';

function mac(secret: string, purpose: TokenPurpose, body: string): string {
  // A key per purpose: a token minted for one use can never verify as another.
  const key = createHmac('sha256', secret).update(`kizuna:${purpose}`).digest();
  return createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES).toString('base64url');
}

export function signBytes(secret: string, purpose: TokenPurpose, payload: Buffer): string {
  const body = payload.toString('base64url');
  return `${body}.${mac(secret, purpose, body)}`;
}

/** The payload when the signature holds; otherwise null (callers learn nothing about why). */
export function verifyBytes(secret: string, purpose: TokenPurpose, token: string): Buffer | null {
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [body, sig] = parts as [string, string];
  if (!B64URL.test(body) || !B64URL.test(sig)) return null;
  // Compared as text: base64 decoders ignore a last character's spare bits, and only one spelling is ours.
  const given = Buffer.from(sig, 'utf8');
  const expected = Buffer.from(mac(secret, purpose, body), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Buffer.from(body, 'base64url');
}

export function signToken(secret: string, purpose: TokenPurpose, payload: unknown): string {
  return signBytes(secret, purpose, Buffer.from(JSON.stringify(payload), 'utf8'));
}

export function verifyToken<T>(secret: string, purpose: TokenPurpose, token: string, schema: z.ZodType<T>): T | null {
  const bytes = verifyBytes(secret, purpose, token);
  if (!bytes) return null;
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  const r = schema.safeParse(json);
  return r.success ? r.data : null;
}
