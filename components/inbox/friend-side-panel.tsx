// The friend beside an inbox thread: profile, tags, attributes and where each of their running scenarios is (read-only
// here; the friend page edits them). Reuses the friend page's components.
import Link from 'next/link';
import { FriendAttributes } from '@/components/friends/friend-attributes';
import { FriendAvatar } from '@/components/friends/friend-avatar';
import { TagEditor } from '@/components/friends/tag-editor';
import type { AttributeValue } from '@/scenario/schema';
import { formatInstant } from '@/lib/format';
import { t, type Lang } from '@/lib/i18n/dictionary';

type Defs = Parameters<typeof FriendAttributes>[0]['defs'];

export interface SidePanelFriend {
  id: string;
  displayName: string;
  pictureUrl: string | null;
  friendAddedAt: Date;
  blockedAt: Date | null;
  attributes: Record<string, AttributeValue>;
}

export function FriendSidePanel({
  lang,
  friend,
  tags,
  defs,
  positions,
}: {
  lang: Lang;
  friend: SidePanelFriend;
  tags: string[];
  defs: Defs;
  positions: { runId: string; scenarioName: string; step: string }[];
}) {
  return (
    <div className="space-y-5" data-testid="inbox-side">
      <section>
        <div className="flex items-center gap-3">
          <FriendAvatar name={friend.displayName} pictureUrl={friend.pictureUrl} size={44} />
          <div className="min-w-0">
            <div className="truncate font-semibold">{friend.displayName || t(lang, 'friends.noName')}</div>
            <div className="text-xs text-slate-500">
              {friend.blockedAt ? t(lang, 'friends.status.blocked') : t(lang, 'friends.status.active')} ·{' '}
              {formatInstant(friend.friendAddedAt, lang)}
            </div>
          </div>
        </div>
        <Link href={`/friends/${friend.id}`} className="mt-2 inline-block text-xs text-line-dark underline">
          {t(lang, 'inbox.side.openFriend')}
        </Link>
      </section>
      <section>
        <h3 className="mb-1.5 text-xs font-semibold text-slate-500">{t(lang, 'inbox.side.tags')}</h3>
        <TagEditor lang={lang} friendId={friend.id} tags={tags} />
      </section>
      <section>
        <h3 className="mb-1.5 text-xs font-semibold text-slate-500">{t(lang, 'inbox.side.attributes')}</h3>
        <FriendAttributes lang={lang} friendId={friend.id} defs={defs} values={friend.attributes} />
      </section>
      <section>
        <h3 className="mb-1.5 text-xs font-semibold text-slate-500">{t(lang, 'inbox.side.positions')}</h3>
        {positions.length === 0 ? (
          <p className="text-xs text-slate-400">{t(lang, 'inbox.side.noRuns')}</p>
        ) : (
          <ul className="space-y-1 text-xs" data-testid="inbox-positions">
            {positions.map((p) => (
              <li key={p.runId}>
                <span className="font-medium">{p.scenarioName}</span>
                <span className="text-slate-500"> · {p.step}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
