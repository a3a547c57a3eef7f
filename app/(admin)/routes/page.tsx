// 流入経路: every inflow route with its code and visit count, and the form that creates one (scenarios:edit).
import Link from 'next/link';
import { RouteForm } from '@/components/inflow/route-form';
import { listInflowRoutes, routeScenarioChoices } from '@/db/queries/inflow-routes';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { formatInstant } from '@/lib/format';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { saveInflowRouteAction } from './actions';
import { ListTable } from '@/components/ui/list-table';

export const dynamic = 'force-dynamic';

export default async function InflowRoutesPage() {
  const { operator } = await requirePage('scenarios:read', '/routes');
  const lang = await currentLang();
  const { db, lineLogin } = appDeps();
  const [rows, scenarios] = await Promise.all([listInflowRoutes(db), routeScenarioChoices(db)]);
  const canEdit = can(operator, 'scenarios:edit');
  return (
    <div className="mx-auto max-w-6xl p-8">
      <h1 className="mb-2 text-2xl font-bold">{t(lang, 'inflow.title')}</h1>
      <p className="mb-6 max-w-3xl text-sm text-slate-600">{t(lang, 'inflow.help')}</p>
      {lineLogin ? null : (
        <p
          role="status"
          className="mb-6 max-w-3xl rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
          data-testid="inflow-not-configured"
        >
          {t(lang, 'inflow.notConfigured')}
        </p>
      )}
      <ListTable
        headers={[t(lang, 'inflow.col.name'), t(lang, 'inflow.col.code'), t(lang, 'inflow.col.visits'), t(lang, 'inflow.col.created')]}
        empty={t(lang, 'inflow.empty')}
        isEmpty={rows.length === 0}
        testId="route-list"
        className="mb-6"
      >
        {rows.map((r) => (
          <tr key={r.id} className="border-t border-slate-100">
            <td className="px-4 py-2">
              <Link href={`/routes/${r.id}`} className="font-medium text-line-dark hover:underline">
                {r.name}
              </Link>
            </td>
            <td className="px-4 py-2 font-mono text-xs">{r.code}</td>
            <td className="px-4 py-2">{r.visits}</td>
            <td className="px-4 py-2 text-slate-500">{formatInstant(r.createdAt, lang)}</td>
          </tr>
        ))}
      </ListTable>
      {canEdit ? (
        <section className="max-w-2xl">
          <h2 className="mb-2 text-lg font-semibold">{t(lang, 'inflow.new')}</h2>
          <RouteForm
            lang={lang}
            routeId={null}
            initial={{ name: '', tags: '', attributes: '', scenarioId: '', reattribute: false, redirectUrl: '' }}
            scenarios={scenarios}
            canEdit
            save={saveInflowRouteAction}
          />
        </section>
      ) : null}
    </div>
  );
}
