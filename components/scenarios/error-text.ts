// The words a scenario-management action's error shows, by its code (never the server's English message).
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import type { ActionError } from '@/lib/ui-types';

const BY_CODE: Record<string, MessageKey> = {
  'not_found:scenario': 'scenarios.error.notFound',
  'not_found:version': 'scenarios.error.notFound',
  'conflict:published': 'scenarios.error.published',
  'conflict:test_runs': 'scenarios.error.testRuns',
  'conflict:archived': 'scenarios.error.archived',
  'conflict:not_archived': 'scenarios.error.notArchived',
  'conflict:draft': 'scenarios.error.draftConflict',
  'forbidden:role': 'scenarios.error.forbidden',
};

export function scenarioErrorText(lang: Lang, error: ActionError): string {
  return t(lang, BY_CODE[error.code] ?? 'scenarios.error.generic');
}
