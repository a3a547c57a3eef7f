// The analytics canvas: the scenario's graph with per-step figures for a JST date range and version; the friends behind
// a step's figures only for operators who may see friends' details.
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { AnalyticsCanvas } from '@/components/analytics/analytics-canvas';
import { AnalyticsHeader } from '@/components/analytics/analytics-header';
import { OtherNodes } from '@/components/analytics/other-nodes';
import { loadAnalytics } from '@/lib/analytics/load';
import { analyticsRange, rangeQuery } from '@/lib/analytics/range';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ScenarioAnalyticsPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { operator } = await requirePage('analytics:read', `/scenarios/${id}/analytics`);
  if (!z.uuid().safeParse(id).success) notFound();
  const [lang, range] = await Promise.all([currentLang(), searchParams.then((p) => analyticsRange(p, Date.now()))]);
  const { db } = appDeps();
  const view = await loadAnalytics(db, id, range);
  if (!view) notFound();
  return (
    <div className="flex h-screen flex-col">
      <AnalyticsHeader view={view} range={range} lang={lang} page="analytics" />
      {view.graph ? (
        <AnalyticsCanvas
          scenarioId={id}
          graph={view.graph}
          figures={view.figures}
          lang={lang}
          query={rangeQuery(range)}
          canSeeFriends={can(operator, 'friends:read_details')}
        />
      ) : (
        <p className="m-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          {t(lang, 'analytics.noVersion')}
        </p>
      )}
      <OtherNodes view={view} lang={lang} />
    </div>
  );
}
