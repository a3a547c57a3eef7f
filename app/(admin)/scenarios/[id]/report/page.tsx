// The scenario report: funnel, A/B results with intervals, daily series (JST) and per-step figures with CSV export.
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { AbTable } from '@/components/analytics/ab-table';
import { AnalyticsHeader } from '@/components/analytics/analytics-header';
import { DailyChart } from '@/components/analytics/daily-chart';
import { FunnelChart } from '@/components/analytics/funnel';
import { NodeTable } from '@/components/analytics/node-table';
import { loadReport } from '@/lib/analytics/load';
import { analyticsRange, rangeQuery } from '@/lib/analytics/range';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { currentLang } from '@/lib/i18n/server';
import { NODE_LABELS } from '@/scenario/nodes';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ScenarioReportPage({ params, searchParams }: Props) {
  const { id } = await params;
  await requirePage('analytics:read', `/scenarios/${id}/report`);
  if (!z.uuid().safeParse(id).success) notFound();
  const [lang, range] = await Promise.all([currentLang(), searchParams.then((p) => analyticsRange(p, Date.now()))]);
  const { db } = appDeps();
  const report = await loadReport(db, id, range);
  if (!report) notFound();
  const { view, funnel, days } = report;
  const titles = Object.fromEntries((view.graph?.nodes ?? []).map((n) => [n.id, n.label ?? NODE_LABELS[n.kind][lang]]));
  return (
    <div className="min-h-screen">
      <AnalyticsHeader view={view} range={range} lang={lang} page="report" />
      <div className="mx-auto grid max-w-6xl gap-5 p-6">
        <FunnelChart funnel={funnel} lang={lang} />
        <AbTable
          splits={view.splits}
          lang={lang}
          titles={titles}
          goal={view.goal}
          allVersions={!range.versionId && view.versions.length > 1}
        />
        <DailyChart days={days} lang={lang} />
        <NodeTable view={view} lang={lang} csvHref={`/api/scenarios/${id}/analytics.csv?${rangeQuery(range)}`} />
      </div>
    </div>
  );
}
