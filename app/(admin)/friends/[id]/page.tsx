// One friend: profile and ids, attributes, tags, their scenario runs, the messages they received, and recent events.
// Editing (tags, attributes, テスト友だち) needs `friends:edit`; a role without `friends:read_details` sees the display
// name only, and nothing else is loaded. Owners may erase the friend (`friends:erase`); an erased friend's tombstone
// shows only that it was erased.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { listAttributeDefinitions } from '@/db/queries/attributes';
import { isErasedFriend } from '@/db/queries/erase-friend';
import { listFriendEvents } from '@/db/queries/events';
import { findFriendName } from '@/db/queries/friend-names';
import { findFriendById, listFriendMessages, listFriendRuns, listFriendTags } from '@/db/queries/friends';
import { versionGraphs } from '@/db/queries/scenario-versions';
import { editorAttributeDefinitions } from '@/db/queries/scenarios';
import { FriendAttributes } from '@/components/friends/friend-attributes';
import { FriendAvatar } from '@/components/friends/friend-avatar';
import { EraseFriendForm } from '@/components/friends/erase-friend-form';
import { FriendActivity } from '@/components/friends/friend-activity';
import { TagEditor } from '@/components/friends/tag-editor';
import { TestFriendToggle } from '@/components/friends/test-friend-toggle';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { formatInstant } from '@/lib/format';
import { stepNames } from '@/lib/friends/step-names';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { addTagAction, eraseFriendAction, removeTagAction, setAttributeAction, setTestFriendAction } from '../actions';

export const dynamic = 'force-dynamic';

export default async function FriendPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const { operator } = await requirePage('friends:read', `/friends/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const lang = await currentLang();
  if (!can(operator, 'friends:read_details')) return <FriendName lang={lang} id={id} />;
  const edit = can(operator, 'friends:edit');
  const { db } = appDeps();
  const friend = await findFriendById(db, id);
  if (!friend) notFound();
  if (isErasedFriend(friend)) return <ErasedFriend lang={lang} erasedAt={friend.updatedAt} />;
  const eraseProblem = can(operator, 'friends:erase') ? erasureProblem(await searchParams) : null;
  const [tags, defs, runs, messages, events] = await Promise.all([
    listFriendTags(db, id),
    listAttributeDefinitions(db),
    listFriendRuns(db, id),
    listFriendMessages(db, id),
    listFriendEvents(db, id, 30),
  ]);
  const graphs = await versionGraphs(db, [...runs.map((r) => r.versionId), ...messages.map((m) => m.versionId)]);
  const steps = stepNames(graphs, lang, await editorAttributeDefinitions(db));
  const facts: [string, string][] = [
    [t(lang, 'friends.col.lineUserId'), friend.lineUserId],
    [t(lang, 'friends.col.memberId'), friend.memberId ?? t(lang, 'friend.notLinked')],
    [t(lang, 'friends.col.added'), formatInstant(friend.friendAddedAt, lang)],
    [t(lang, 'friend.blockedAt'), friend.blockedAt ? formatInstant(friend.blockedAt, lang) : '—'],
    [t(lang, 'friend.language'), friend.language ?? '—'],
  ];
  return (
    <div className="mx-auto max-w-5xl p-8" data-testid="friend-detail">
      <Link href="/friends" className="text-sm text-slate-500 hover:underline">
        ← {t(lang, 'friends.title')}
      </Link>
      <div className="mb-6 mt-3 flex items-center gap-4">
        <FriendAvatar name={friend.displayName} pictureUrl={friend.pictureUrl} size={56} />
        <div>
          <h1 className="text-2xl font-bold">{friend.displayName || t(lang, 'friends.noName')}</h1>
          <div className="mt-1 flex gap-2 text-xs">
            {friend.blockedAt ? (
              <span className="rounded-full bg-rose-100 px-2 py-0.5 font-medium text-rose-800">{t(lang, 'friends.status.blocked')}</span>
            ) : (
              <span className="rounded-full bg-green-100 px-2 py-0.5 font-medium text-green-800">{t(lang, 'friends.status.active')}</span>
            )}
            {friend.isTest ? (
              <span className="rounded-full bg-violet-100 px-2 py-0.5 text-violet-700">{t(lang, 'friends.test')}</span>
            ) : null}
          </div>
        </div>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 font-semibold">{t(lang, 'friend.profile')}</h2>
          <dl className="grid grid-cols-[8rem_1fr] gap-y-1.5 text-sm">
            {facts.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-500">{k}</dt>
                <dd className="break-all font-mono text-xs leading-5">{v}</dd>
              </div>
            ))}
          </dl>
          <h2 className="mb-2 mt-5 font-semibold">{t(lang, 'friends.col.tags')}</h2>
          <TagEditor lang={lang} friendId={friend.id} tags={tags} {...(edit ? { addTagAction, removeTagAction } : {})} />
          {edit ? (
            <div className="mt-5">
              <TestFriendToggle lang={lang} friendId={friend.id} isTest={friend.isTest} setTestFriendAction={setTestFriendAction} />
            </div>
          ) : null}
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 font-semibold">{t(lang, 'friend.attributes')}</h2>
          <FriendAttributes
            lang={lang}
            friendId={friend.id}
            defs={defs}
            values={friend.attributes}
            {...(edit ? { setAttributeAction } : {})}
          />
        </section>
      </div>
      <FriendActivity lang={lang} runs={runs} messages={messages} events={events} steps={steps} />
      {can(operator, 'friends:erase') ? (
        <EraseFriendForm lang={lang} friendId={friend.id} problem={eraseProblem} eraseFriendAction={eraseFriendAction} />
      ) : null}
    </div>
  );
}

/** Why the last erase attempt erased nothing, from the redirect of eraseFriendAction (`?erase=mismatch|failed&code=`). */
function erasureProblem(sp: Record<string, string | string[] | undefined>): { kind: 'mismatch' } | { kind: 'failed'; code: string } | null {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const erase = first(sp.erase);
  if (erase === 'mismatch') return { kind: 'mismatch' };
  if (erase === 'failed') return { kind: 'failed', code: (first(sp.code) ?? 'internal').replace(/[^a-z_:]/g, '').slice(0, 64) };
  return null;
}

/** A tombstone: the friend's personal data is gone; only anonymous records that analytics count remain. */
function ErasedFriend({ lang, erasedAt }: { lang: Lang; erasedAt: Date }) {
  return (
    <div className="mx-auto max-w-5xl p-8" data-testid="friend-erased">
      <Link href="/friends" className="text-sm text-slate-500 hover:underline">
        ← {t(lang, 'friends.title')}
      </Link>
      <h1 className="mb-3 mt-3 text-2xl font-bold">{t(lang, 'erasure.erased.title')}</h1>
      <p className="text-sm text-slate-600">{t(lang, 'erasure.erased.body').replace('{at}', formatInstant(erasedAt, lang))}</p>
    </div>
  );
}

/** What a names-only role sees: the display name and whether this is a test friend (no picture, ids or history). */
async function FriendName({ lang, id }: { lang: Lang; id: string }) {
  const friend = await findFriendName(appDeps().db, id);
  if (!friend) notFound();
  return (
    <div className="mx-auto max-w-5xl p-8" data-testid="friend-detail">
      <Link href="/friends" className="text-sm text-slate-500 hover:underline">
        ← {t(lang, 'friends.title')}
      </Link>
      <div className="mb-6 mt-3 flex items-center gap-4">
        <FriendAvatar name={friend.displayName} pictureUrl={null} size={56} />
        <div>
          <h1 className="text-2xl font-bold">{friend.displayName || t(lang, 'friends.noName')}</h1>
          {friend.isTest ? (
            <span className="mt-1 inline-block rounded-full bg-violet-100 px-2 py-0.5 text-xs text-violet-700">
              {t(lang, 'friends.test')}
            </span>
          ) : null}
        </div>
      </div>
      <p className="text-sm text-slate-500">{t(lang, 'friends.namesOnly')}</p>
    </div>
  );
}
