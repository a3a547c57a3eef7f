// One 一斉配信: a draft made on this screen opens in the composer (for operators who may edit); otherwise what it sends,
// to whom and when, its progress (refreshing while it moves) and, until it is done, 配信を中止 for publishers.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { AutoRefresh } from '@/components/broadcasts/auto-refresh';
import { BroadcastFacts } from '@/components/broadcasts/broadcast-facts';
import { BroadcastProgress } from '@/components/broadcasts/broadcast-progress';
import { CancelBroadcast } from '@/components/broadcasts/cancel-broadcast';
import { BroadcastStateBadge } from '@/components/broadcasts/state-badge';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { countAudience } from '@/lib/broadcasts/audience-count';
import { composerData } from '@/lib/broadcasts/composer-data';
import { isMoving } from '@/lib/broadcasts/state';
import { loadBroadcast } from '@/lib/broadcasts/view';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { cancelBroadcastAction } from '../actions';
import { ComposerSection } from '../composer-section';

export const dynamic = 'force-dynamic';

export default async function BroadcastPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { operator } = await requirePage('scenarios:read', `/broadcasts/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const lang = await currentLang();
  const { db } = appDeps();
  const now = Date.now();
  const view = await loadBroadcast(db, id, now);
  if (!view) notFound();
  const editable = view.state === 'draft' && view.oneStep && can(operator, 'scenarios:edit');
  const composer = editable ? await composerData(db, id, now) : null;
  const audienceNow =
    view.state === 'scheduled' && view.audience ? await countAudience(db, view.audience, new Date(now), view.timeZone) : null;
  const cancellable =
    can(operator, 'scenarios:publish') && (view.state === 'scheduled' || view.state === 'sending' || view.state === 'paused');
  return (
    <div className="mx-auto max-w-6xl space-y-6 p-8">
      <div>
        <Link href="/broadcasts" className="text-sm text-slate-500 hover:underline">
          ← {t(lang, 'broadcasts.back')}
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold">{view.name}</h1>
          <BroadcastStateBadge state={view.state} lang={lang} />
          {isMoving(view.state, view.at, now) ? <AutoRefresh lang={lang} /> : null}
          <div className="ml-auto flex items-center gap-3 text-sm">
            <Link href={`/scenarios/${id}`} className="text-slate-500 hover:underline">
              {t(lang, 'broadcasts.detail.openCanvas')}
            </Link>
            {view.version !== null && can(operator, 'analytics:read') ? (
              <Link href={`/scenarios/${id}/analytics`} className="text-slate-500 hover:underline">
                {t(lang, 'broadcasts.detail.analytics')}
              </Link>
            ) : null}
          </div>
        </div>
      </div>
      {composer ? (
        <ComposerSection lang={lang} operator={operator} data={composer} />
      ) : (
        <>
          {view.state === 'draft' ? null : (
            <section className="space-y-3">
              <h2 className="text-lg font-bold">{t(lang, 'broadcasts.progress.title')}</h2>
              <BroadcastProgress lang={lang} view={view} audienceNow={audienceNow} />
              {cancellable ? <CancelBroadcast lang={lang} id={id} cancelAction={cancelBroadcastAction} /> : null}
            </section>
          )}
          <BroadcastFacts lang={lang} view={view} />
        </>
      )}
    </div>
  );
}
