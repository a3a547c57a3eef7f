// The message an account-page action's error shows, by its code.
import { t, type Lang, type MessageKey } from '@/lib/i18n/dictionary';
import type { ActionError } from '@/lib/ui-types';

const BY_CODE: Record<string, MessageKey> = {
  'invalid:password': 'account.password.wrong',
  'invalid:password_short': 'error.password.short',
  'conflict:no_password': 'account.password.none',
  'invalid:totp_code': 'account.totp.wrongCode',
  'forbidden:totp_required': 'account.totp.lockedOn',
};

export function accountErrorText(lang: Lang, error: ActionError): string {
  const key = BY_CODE[error.code];
  if (key) return t(lang, key);
  // A code that is not 6 digits fails our own check before better-auth sees it.
  if (error.code === 'invalid:body' && error.issues.some((i) => i.path[0] === 'code')) return t(lang, 'account.totp.wrongCode');
  return t(lang, 'account.error.generic');
}
