// Where LINE's account-link dialog lives: access.line.me for the real API, the same origin as a stand-in (the sandbox).
import type { Env } from '../env';

export function accountLinkDialogUrl(e: Pick<Env, 'LINE_API_BASE_URL' | 'LINE_ACCOUNT_LINK_DIALOG_URL'>): string {
  if (e.LINE_ACCOUNT_LINK_DIALOG_URL) return e.LINE_ACCOUNT_LINK_DIALOG_URL;
  const api = new URL(e.LINE_API_BASE_URL);
  if (api.hostname === 'api.line.me') return 'https://access.line.me/dialog/bot/accountLink';
  return new URL('/dialog/bot/accountLink', api.origin).toString();
}
