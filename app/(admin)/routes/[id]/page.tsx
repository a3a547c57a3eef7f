// One inflow route: its URL and QR code (PNG/SVG downloads), its settings (editable with scenarios:edit) and its
// report by day in the account's zone (JST).
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { RouteForm } from '@/components/inflow/route-form';
import { RouteReportTable } from '@/components/inflow/route-report';
import { findInflowRoute, routeScenarioChoices, routeVisitFacts } from '@/db/queries/inflow-routes';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { routeQrSvg } from '@/lib/inflow/qr';
import { routeReport } from '@/lib/inflow/report';
import { routeUrl } from '@/lib/inflow/route-config';
import { saveInflowRouteAction } from '../actions';

export const dynamic = 'force-dynamic';

export default async function InflowRoutePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { operator } = await requirePage('scenarios:read', `/routes/${id}`);
  const lang = await currentLang();
  const { db, appBaseUrl, lineLogin } = appDeps();
  const route = z.uuid().safeParse(id).success ? await findInflowRoute(db, id) : null;
  if (!route) notFound();
  const url = routeUrl(appBaseUrl, route.code);
  const [scenarios, facts, svg] = await Promise.all([routeScenarioChoices(db), routeVisitFacts(db, route.id), routeQrSvg(url)]);
  const report = routeReport(facts, 'Asia/Tokyo');
  const attributes = Object.entries(route.attributes)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('\n');
  return (
    <div className="mx-auto max-w-5xl p-8">
      <Link href="/routes" className="text-sm text-slate-500 hover:underline">
        ← {t(lang, 'inflow.back')}
      </Link>
      <h1 className="mb-4 text-2xl font-bold" data-testid="route-title">
        {route.name}
      </h1>
      {lineLogin ? null : (
        <p
          role="status"
          className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
          data-testid="inflow-not-configured"
        >
          {t(lang, 'inflow.notConfigured')}
        </p>
      )}
      <div className="mb-8 grid gap-6 md:grid-cols-[240px_1fr]">
        <div className="rounded-lg border border-slate-200 bg-white p-3">
          {/* Our own SVG from the qrcode package (no user markup: the URL is only encoded as modules). */}
          <div className="aspect-square w-full" data-testid="route-qr" dangerouslySetInnerHTML={{ __html: svg }} />
          <div className="mt-2 flex flex-col gap-1 text-xs">
            <a href={`/routes/${route.id}/qr?format=png`} className="text-line-dark underline" data-testid="route-qr-png">
              {t(lang, 'inflow.qr.png')}
            </a>
            <a href={`/routes/${route.id}/qr?format=svg`} className="text-line-dark underline" data-testid="route-qr-svg">
              {t(lang, 'inflow.qr.svg')}
            </a>
          </div>
        </div>
        <div className="space-y-3 text-sm">
          <div>
            <div className="text-slate-500">{t(lang, 'inflow.url')}</div>
            <a href={url} className="break-all font-mono text-line-dark underline" data-testid="route-url">
              {url}
            </a>
          </div>
          <div>
            <div className="text-slate-500">{t(lang, 'inflow.col.code')}</div>
            <code className="font-mono" data-testid="route-code">
              {route.code}
            </code>
            <p className="text-xs text-slate-500">{t(lang, 'inflow.codeHint')}</p>
          </div>
        </div>
      </div>
      <h2 className="mb-2 text-lg font-semibold">{t(lang, 'inflow.report')}</h2>
      <div className="mb-8">
        <RouteReportTable lang={lang} report={report} />
      </div>
      <h2 className="mb-2 text-lg font-semibold">{t(lang, 'inflow.settings')}</h2>
      <div className="max-w-2xl">
        <RouteForm
          lang={lang}
          routeId={route.id}
          initial={{
            name: route.name,
            tags: route.tags.join(', '),
            attributes,
            scenarioId: route.scenarioId ?? '',
            reattribute: route.reattribute,
            redirectUrl: route.redirectUrl ?? '',
          }}
          scenarios={scenarios}
          canEdit={can(operator, 'scenarios:edit')}
          save={saveInflowRouteAction}
        />
      </div>
    </div>
  );
}
