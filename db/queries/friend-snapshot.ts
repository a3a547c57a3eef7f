// Loads what the scenario core knows of a friend: attributes, tags, link state and recent events.
import { and, desc, eq, gte } from 'drizzle-orm';
import { FriendSnapshotSchema, type FriendSnapshot } from '@/scenario/friend';
import type { DbOrTx } from '../client';
import { events, friendTags, friends } from '../schema';

const HISTORY_DAYS = 400;
const HISTORY_LIMIT = 500;

export async function loadFriendSnapshot(db: DbOrTx, friendId: string, now = new Date()): Promise<FriendSnapshot | null> {
  const [friend] = await db.select().from(friends).where(eq(friends.id, friendId));
  if (!friend) return null;
  const [tags, history] = await Promise.all([
    db.select({ tag: friendTags.tag }).from(friendTags).where(eq(friendTags.friendId, friendId)),
    db
      .select({ name: events.name, at: events.occurredAt, properties: events.properties })
      .from(events)
      .where(and(eq(events.friendId, friendId), gte(events.occurredAt, new Date(now.getTime() - HISTORY_DAYS * 86_400_000))))
      .orderBy(desc(events.occurredAt))
      .limit(HISTORY_LIMIT),
  ]);
  return FriendSnapshotSchema.parse({
    id: friend.id,
    lineUserId: friend.lineUserId,
    displayName: friend.displayName,
    attributes: friend.attributes,
    tags: tags.map((t) => t.tag).sort(),
    linked: friend.memberId !== null,
    friendAddedAt: friend.friendAddedAt.getTime(),
    events: history.reverse().map((e) => ({ name: e.name, at: e.at.getTime(), properties: e.properties })),
  });
}
