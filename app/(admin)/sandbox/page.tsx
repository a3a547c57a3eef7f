// Dev mode only: a LINE-like phone over the LINE sandbox, to add friends, talk, press buttons and tap links, and to
// mark a friend as a test friend (with the friends page's action, so the same permission and audit row apply).
import { notFound } from 'next/navigation';
import { SandboxPhone } from '@/components/sandbox/sandbox-phone';
import { env } from '@/lib/env';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { setTestFriendAction } from '../friends/actions';
import { accountLinkUrlAction, heldSendsAction, sandboxFriendAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function SandboxPage() {
  const { operator } = await requirePage('sandbox:use', '/sandbox');
  const e = env();
  if (!e.KIZUNA_DEV_MODE) notFound();
  const lang = await currentLang();
  return (
    <div className="p-6">
      <h1 className="mb-1 text-2xl font-bold">{t(lang, 'sandbox.title')}</h1>
      <p className="mb-4 text-sm text-slate-500">{t(lang, 'sandbox.help')}</p>
      {e.LINE_SANDBOX_URL ? (
        <SandboxPhone
          lang={lang}
          sandboxUrl={e.LINE_SANDBOX_URL}
          accountLinkUrlAction={accountLinkUrlAction}
          sandboxFriendAction={sandboxFriendAction}
          heldSendsAction={heldSendsAction}
          {...(can(operator, 'friends:edit') ? { setTestFriendAction } : {})}
        />
      ) : (
        <p className="text-rose-700">{t(lang, 'sandbox.noSandbox')}</p>
      )}
    </div>
  );
}
