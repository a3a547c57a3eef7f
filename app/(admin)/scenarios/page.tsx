// Scenario list: status, live version, friends inside now and sends today, read from PostgreSQL, searched by name and
// filtered by status (archived ones only under アーカイブ). "New scenario", the row actions (copy, archive, delete a
// draft) and the first-run checklist (until its three steps are done) only for operators who may edit.
import { DateTime } from 'luxon';
import { NewScenarioButton } from '@/components/editor/new-scenario-button';
import { FirstRunChecklist } from '@/components/first-run/first-run-checklist';
import { parseListParams } from '@/components/scenarios/list-params';
import { ListNotice } from '@/components/scenarios/list-notice';
import { ScenarioFilter } from '@/components/scenarios/scenario-filter';
import { ScenarioTable } from '@/components/scenarios/scenario-table';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { firstRunChecklist } from '@/lib/first-run/checklist';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { loadScenarioList } from '@/lib/scenarios/list';
import { archiveScenarioAction, deleteScenarioAction, duplicateScenarioAction, unarchiveScenarioAction } from './actions';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ScenariosPage({ searchParams }: Props) {
  const { operator } = await requirePage('scenarios:read', '/scenarios');
  const [lang, params] = await Promise.all([currentLang(), searchParams.then(parseListParams)]);
  const startOfTodayJst = DateTime.now().setZone('Asia/Tokyo').startOf('day').toJSDate();
  const { db, devMode } = appDeps();
  const canEdit = can(operator, 'scenarios:edit');
  const [rows, firstRun] = await Promise.all([
    loadScenarioList(db, { sendsSince: startOfTodayJst, ...params }),
    canEdit ? firstRunChecklist(db, { devMode }) : null,
  ]);
  const filtered = params.q !== undefined || params.status !== undefined;
  const actions = canEdit
    ? {
        duplicate: duplicateScenarioAction,
        archive: archiveScenarioAction,
        unarchive: unarchiveScenarioAction,
        remove: deleteScenarioAction,
      }
    : null;
  return (
    <div className="mx-auto max-w-6xl p-8">
      <div className="mb-6 flex items-center justify-between">
        <h1 className="text-2xl font-bold">{t(lang, 'scenarios.title')}</h1>
        {canEdit && <NewScenarioButton lang={lang} />}
      </div>
      {firstRun ? <FirstRunChecklist lang={lang} items={firstRun} /> : null}
      <ScenarioFilter lang={lang} params={params} />
      <ListNotice closeLabel={t(lang, 'editor.notice.close')}>
        {rows.length === 0 ? (
          <p
            className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500"
            data-testid="scenario-list-empty"
          >
            {t(
              lang,
              params.status === 'archived' && !params.q ? 'scenarios.archivedEmpty' : filtered ? 'scenarios.noMatch' : 'scenarios.empty',
            )}
          </p>
        ) : (
          <ScenarioTable lang={lang} rows={rows} actions={actions} canPublish={can(operator, 'scenarios:publish')} />
        )}
      </ListNotice>
    </div>
  );
}
