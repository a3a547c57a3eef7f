// Compact signed tokens: base64url(JSON payload) "." base64url(HMAC-SHA256 truncated), keyed per purpose from KIZUNA_SECRET.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';

/** 128 bits of MAC is plenty against forgery and keeps links short. */
const MAC_BYTES = 16;

export type TokenPurpose = 'tracked-link' | 'member-link' | 'account-link';

function mac(secret: string, purpose: TokenPurpose, body: string): Buffer {
  // A key per purpose: a token minted for one use can never verify as another.
  const key = createHmac('sha256', secret).update(`kizuna:${purpose}`).digest();
  return createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);
}

export function signToken(secret: string, purpose: TokenPurpose, payload: unknown): string {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${mac(secret, purpose, body).toString('base64url')}`;
}

/** The payload when the signature holds and it parses with the schema; otherwise null (no reason given to callers). */
export function verifyToken<T>(secret: string, purpose: TokenPurpose, token: string, schema: z.ZodType<T>): T | null {
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [body, sig] = parts as [string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(body) || !/^[A-Za-z0-9_-]+$/.test(sig)) return null;
  // Compared as text: base64 decoders ignore a last character's spare bits, and only one spelling is ours.
  const given = Buffer.from(sig, 'utf8');
  const expected = Buffer.from(mac(secret, purpose, body).toString('base64url'), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const r = schema.safeParse(json);
  return r.success ? r.data : null;
}
