// Entry rules for the engine: does an occurrence fire this plan's trigger, and may this friend (re-)enter.
import { matchesFilters } from './comparison';
import { textMatches } from './keyword-rules';
import type { CompiledPlan } from './compile';
import type { FriendEvent } from './friend';
import type { ReEntry, TriggerSpec } from './schema';

export type TriggerOccurrence =
  | { type: 'friend_added'; refollow: boolean }
  | { type: 'event'; event: FriendEvent }
  | { type: 'tag_added'; tag: string }
  | { type: 'route_added'; routeCode: string }
  | { type: 'segment_broadcast' };

export function triggerOf(plan: CompiledPlan): { trigger: TriggerSpec; reEntry: ReEntry } | null {
  const node = plan.nodes[plan.entry];
  return node?.kind === 'trigger' ? { trigger: node.data.trigger, reEntry: node.data.reEntry } : null;
}

export function triggerMatches(plan: CompiledPlan, occ: TriggerOccurrence): boolean {
  const t = triggerOf(plan)?.trigger;
  // A friend's text message arrives as the `line_message` event: the message_received trigger reads its text.
  if (t?.type === 'message_received') {
    const p = occ.type === 'event' && occ.event.name === 'line_message' ? occ.event.properties : null;
    return p !== null && p.messageType === 'text' && typeof p.text === 'string' && textMatches(t.match, p.text);
  }
  if (!t || t.type !== occ.type) return false;
  switch (t.type) {
    case 'friend_added':
      return occ.type === 'friend_added' && (!occ.refollow || t.includeRefollow);
    case 'event':
      return (
        occ.type === 'event' && occ.event.name === t.eventName && matchesFilters(occ.event.properties, t.filter, plan.settings.timeZone)
      );
    case 'tag_added':
      return occ.type === 'tag_added' && occ.tag === t.tag;
    case 'route_added':
      return occ.type === 'route_added' && (t.routeCode === '' || occ.routeCode === t.routeCode);
    case 'segment_broadcast':
      return true;
  }
}

/**
 * The re-entry policy: 'once' — never again after a first run; 'after_exit' — again once the previous run ended;
 * 'always' — every occurrence starts a run, even while one is active.
 */
export function mayEnter(reEntry: ReEntry, history: { active: boolean; previousRuns: number }): boolean {
  switch (reEntry) {
    case 'once':
      return history.previousRuns === 0 && !history.active;
    case 'after_exit':
      return !history.active;
    case 'always':
      return true;
  }
}
