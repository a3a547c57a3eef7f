// Identifier shapes LINE uses: user ids, ULID webhook event ids, numeric message ids, tokens.
import { randomBytes, randomUUID } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const USER_ID = /^U[0-9a-f]{32}$/;
export const CHAT_ID = /^[UCR][0-9a-f]{32}$/;

export const newUserId = (): string => `U${randomBytes(16).toString('hex')}`;
export const newRequestId = (): string => randomUUID();
export const newToken = (bytes = 24): string => randomBytes(bytes).toString('base64url');

/** A ULID: 48-bit millisecond time then 80 random bits, Crockford base32, 26 characters. */
export function newUlid(now: number): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = (CROCKFORD[t % 32] ?? '0') + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  for (const byte of randomBytes(16)) rand += CROCKFORD[byte % 32] ?? '0';
  return time + rand;
}

let messageSeq = 0n;
/** LINE message ids are decimal strings of about 18 digits that grow over time. */
export function newMessageId(now: number): string {
  messageSeq = (messageSeq + 1n) % 100_000n;
  return (BigInt(now) * 100_000n + messageSeq).toString();
}
