// 自動応答: keyword rules in the order they are tried, with hits per rule, the create/edit form and the "try a message" box.
import { AutoRepliesView } from '@/components/auto-replies/auto-replies-view';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { loadAutoReplyPage } from '@/lib/auto-replies/manage';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { deleteAutoReplyAction, saveAutoReplyAction, switchAutoReplyAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function AutoRepliesPage() {
  const { operator } = await requirePage('scenarios:read', '/auto-replies');
  const lang = await currentLang();
  const data = await loadAutoReplyPage(appDeps().db, new Date());
  return (
    <div className="mx-auto max-w-6xl p-8">
      <h1 className="mb-2 text-2xl font-bold">{t(lang, 'autoReplies.title')}</h1>
      <p className="mb-6 max-w-3xl text-sm text-slate-600">{t(lang, 'autoReplies.help')}</p>
      <AutoRepliesView
        lang={lang}
        data={data}
        canEdit={can(operator, 'scenarios:edit')}
        actions={{ save: saveAutoReplyAction, setActive: switchAutoReplyAction, remove: deleteAutoReplyAction }}
      />
    </div>
  );
}
