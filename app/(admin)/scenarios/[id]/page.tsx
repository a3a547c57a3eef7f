// The scenario editor page: loads the draft, live version and friend-field definitions, then hands over to the client
// editor with what the operator's role may do there (read-only for viewers and analysts), and Settings' attribute
// action when they may define a missing attribute in place.
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getAccountQuietHours } from '@/db/queries/account-settings';
import { editorAttributeDefinitions, getScenario } from '@/db/queries/scenarios';
import { scenarioCapabilities } from '@/components/editor/capabilities';
import { ScenarioEditor } from '@/components/editor/scenario-editor';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { currentLang } from '@/lib/i18n/server';
import { createAttributeAction } from '../../settings/actions';

export const dynamic = 'force-dynamic';

export default async function ScenarioEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { operator } = await requirePage('scenarios:read', `/scenarios/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const { db } = appDeps();
  const [scenario, attributes, accountQuietHours, lang] = await Promise.all([
    getScenario(db, id),
    editorAttributeDefinitions(db),
    getAccountQuietHours(db),
    currentLang(),
  ]);
  if (!scenario) notFound();
  const initial = {
    id: scenario.id,
    name: scenario.name,
    status: scenario.status,
    draft: scenario.draft,
    draftRevision: scenario.draftRevision,
    live: scenario.live ? { version: scenario.live.version, graph: scenario.live.graph } : null,
    archived: scenario.archivedAt !== null,
  };
  // An archived scenario opens read-only for everyone: it is unarchived from the list before anyone edits or publishes it.
  const caps = scenario.archivedAt
    ? { ...scenarioCapabilities(operator), edit: false, publish: false, testSend: false }
    : scenarioCapabilities(operator);
  return (
    <div className="h-screen">
      <ScenarioEditor
        key={`${scenario.id}:${scenario.draftRevision}`}
        initial={initial}
        attributes={attributes}
        accountQuietHours={accountQuietHours}
        lang={lang}
        caps={caps}
        defineAttribute={caps.edit && can(operator, 'attributes:manage') ? createAttributeAction : null}
      />
    </div>
  );
}
