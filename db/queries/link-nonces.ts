// Account-link nonces issued once: the shop flow's nonce comes from the link session, so a second use must find it taken.
import type { DbOrTx } from '../client';
import { linkNonces } from '../schema';

/**
 * Stores the nonce unless it exists; true when this call stored it. `usedAt` set means spent at once (a refused link
 * keeps its nonce, so the same assertion cannot be tried again).
 */
export async function insertLinkNonceOnce(
  db: DbOrTx,
  n: { nonce: string; friendId: string; memberId: string; usedAt?: Date | null },
): Promise<boolean> {
  const rows = await db
    .insert(linkNonces)
    .values(n)
    .onConflictDoNothing({ target: linkNonces.nonce })
    .returning({ nonce: linkNonces.nonce });
  return rows.length > 0;
}
