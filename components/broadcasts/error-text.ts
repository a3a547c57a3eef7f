// A broadcast action's failure in the operator's words: known codes from the dictionary, the core's problems listed
// with their Japanese text, anything else with its code.
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import type { ActionError } from '@/lib/ui-types';

const KNOWN: Record<string, MessageKey> = {
  'invalid:send_at_past': 'broadcasts.error.past',
  'invalid:send_at': 'broadcasts.error.invalidTime',
  'invalid:audience_empty': 'broadcasts.error.empty',
  'conflict:no_test_friends': 'broadcasts.error.noTestFriends',
  'conflict:draft': 'broadcasts.error.conflict',
  'conflict:broadcast_published': 'broadcasts.error.published',
  'not_found:broadcast': 'broadcasts.error.notFound',
};

const FORM_PART: Record<string, MessageKey> = {
  name: 'broadcasts.error.name',
  audience: 'broadcasts.error.audience',
  send: 'broadcasts.error.message',
  schedule: 'broadcasts.error.invalidTime',
};

/** The headline and, for problems in the message or the conditions, one line per problem. */
export function broadcastErrorText(lang: Lang, e: ActionError): { text: string; lines: string[] } {
  const known = KNOWN[e.code];
  if (known) return { text: t(lang, known), lines: [] };
  if (e.code === 'invalid:broadcast' || e.code === 'invalid:audience') {
    // The form's own shape (zod): say which part is incomplete, not zod's English.
    const where = e.code === 'invalid:audience' ? 'audience' : e.issues[0]?.path[0];
    const key = where ? FORM_PART[String(where)] : undefined;
    return { text: t(lang, key ?? 'broadcasts.error.form'), lines: [] };
  }
  if (e.code === 'invalid:graph') {
    const lines = e.issues.map((i) => {
      const ja = 'messageJa' in i && typeof i.messageJa === 'string' ? i.messageJa : null;
      return lang === 'ja' && ja ? ja : i.message;
    });
    return { text: t(lang, 'broadcasts.error.graph'), lines };
  }
  return { text: t(lang, 'broadcasts.error.other').replace('{code}', e.code), lines: [] };
}
