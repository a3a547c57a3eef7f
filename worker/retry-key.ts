// A deterministic X-Line-Retry-Key (UUID format) for one send: the same run, node and visit → the same key.
import { createHash } from 'node:crypto';

export function retryKeyFor(idempotencyKey: string): string {
  const h = createHash('sha256').update(`kizuna-send:${idempotencyKey}`).digest('hex');
  // Shaped as a version-5-like UUID (LINE accepts any hex UUID).
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
