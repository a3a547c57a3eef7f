// Checks LINE's x-line-signature (base64 HMAC-SHA256 of the raw body with the channel secret).
import { validateSignature } from '@line/bot-sdk';

/** True only when a signature is present and matches the raw body byte for byte (never a re-serialised one). */
export function isValidLineSignature(rawBody: string | Buffer, signature: string | null | undefined, channelSecret: string): boolean {
  if (!signature) return false;
  // validateSignature compares with timingSafeEqual, which throws on length mismatch in some Node versions.
  try {
    return validateSignature(rawBody, channelSecret, signature);
  } catch {
    return false;
  }
}
