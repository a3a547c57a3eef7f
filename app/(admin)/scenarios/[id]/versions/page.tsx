// Version compare: two published versions of a scenario side by side (?a=1&b=2; by default the live one and the one
// before it), the changes marked on both canvases and put in words, and 「この版を下書きに戻す」 for editors.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { MigrationDialog } from '@/components/versions/migration-dialog';
import { VersionCompare } from '@/components/versions/version-compare';
import { VersionPicker } from '@/components/versions/version-picker';
import { RestoreButton } from '@/components/versions/restore-button';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { loadVersionCompare } from '@/lib/scenarios/compare';
import { restoreVersionAction } from './actions';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const PickSchema = z.object({
  a: z.coerce.number().int().positive().optional().catch(undefined),
  b: z.coerce.number().int().positive().optional().catch(undefined),
});

export default async function VersionComparePage({ params, searchParams }: Props) {
  const { id } = await params;
  const { operator } = await requirePage('scenarios:read', `/scenarios/${id}/versions`);
  if (!z.uuid().safeParse(id).success) notFound();
  const [lang, pick] = await Promise.all([currentLang(), searchParams.then((p) => PickSchema.parse(p))]);
  const view = await loadVersionCompare(appDeps().db, id, pick);
  if (!view) notFound();
  const { scenario } = view;
  const restore = can(operator, 'scenarios:edit') && !scenario.archivedAt ? restoreVersionAction : null;
  const shared = { lang, scenarioId: id, draftRevision: scenario.draftRevision, draftDiffers: view.draftDiffers };
  return (
    <div className="p-6">
      <header className="mb-4 flex flex-wrap items-center gap-3">
        <Link href={`/scenarios/${id}`} className="text-sm text-slate-500 hover:underline" data-testid="back-to-editor">
          ← {t(lang, 'versions.back')}
        </Link>
        <h1 className="text-lg font-bold">
          {t(lang, 'versions.title')}
          <span className="ml-2 font-normal text-slate-600">{scenario.name}</span>
        </h1>
        <div className="ml-auto flex items-center gap-3">
          {can(operator, 'scenarios:publish') && view.versions.length >= 2 ? (
            <MigrationDialog
              lang={lang}
              scenarioId={id}
              versions={view.versions.map((v) => ({ id: v.id, version: v.version }))}
              liveVersion={scenario.liveVersion}
            />
          ) : null}
          {view.pair ? (
            <VersionPicker
              lang={lang}
              versions={view.versions}
              a={view.pair[0].version}
              b={view.pair[1].version}
              liveVersion={scenario.liveVersion}
            />
          ) : null}
        </div>
      </header>
      {scenario.archivedAt ? <p className="mb-3 text-sm text-slate-600">{t(lang, 'versions.restore.archived')}</p> : null}
      {view.pair && view.pair[0].graph && view.pair[1].graph ? (
        <VersionCompare
          {...shared}
          before={{ ...view.pair[0], graph: view.pair[0].graph }}
          after={{ ...view.pair[1], graph: view.pair[1].graph }}
          liveVersion={scenario.liveVersion}
          restore={restore}
        />
      ) : (
        <div
          className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500"
          data-testid="compare-need-two"
        >
          <p>{t(lang, 'versions.needTwo')}</p>
          {view.single && restore ? (
            <p className="mt-3">
              <span className="mr-2 font-semibold text-slate-700">v{view.single.version}</span>
              <RestoreButton {...shared} version={view.single.version} isDraft={view.single.isDraft} action={restore} />
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}
