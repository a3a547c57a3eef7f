// Applying an action node's change to a friend snapshot, so later steps of the same run see it at once.
import type { FriendSnapshot } from './friend';
import type { ActionSpec } from './schema';

export function applyAction(friend: FriendSnapshot, action: ActionSpec): FriendSnapshot {
  switch (action.type) {
    case 'add_tag':
      return friend.tags.includes(action.tag) ? friend : { ...friend, tags: [...friend.tags, action.tag] };
    case 'remove_tag':
      return friend.tags.includes(action.tag) ? { ...friend, tags: friend.tags.filter((t) => t !== action.tag) } : friend;
    case 'set_attribute':
      return { ...friend, attributes: { ...friend.attributes, [action.key]: action.value } };
    case 'switch_rich_menu':
      return friend; // a LINE-side link, not part of the friend's data
  }
}
