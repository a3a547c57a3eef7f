// The message an operators-page action's error shows, by its code (the server's English message as a last resort).
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import type { ActionError } from '@/lib/ui-types';

const BY_CODE: Record<string, MessageKey> = {
  'conflict:last_owner': 'operators.error.lastOwner',
  'conflict:operator_email': 'operators.error.emailTaken',
  'conflict:remove_self': 'operators.error.removeSelf',
  'invalid:sso_not_configured': 'operators.error.ssoOff',
  'not_found:operator': 'operators.error.notFound',
};

export function operatorErrorText(lang: Lang, error: ActionError): string {
  const key = BY_CODE[error.code];
  if (key) return t(lang, key);
  if (error.code.startsWith('invalid')) {
    const details = error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
    return [t(lang, 'operators.error.invalid'), ...details].join(' ');
  }
  return t(lang, 'operators.error.generic');
}
