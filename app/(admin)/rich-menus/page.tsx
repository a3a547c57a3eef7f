// リッチメニュー: every menu (size, published, default), "new menu" for editors, and the per-segment rules.
import Link from 'next/link';
import { listRichMenuRules, listRichMenus } from '@/db/queries/rich-menus';
import { RulesEditor } from '@/components/rich-menus/rules-editor';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { formatInstant } from '@/lib/format';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { saveRichMenuRulesAction } from './actions';
import { ListTable } from '@/components/ui/list-table';

export const dynamic = 'force-dynamic';

export default async function RichMenusPage() {
  const { operator } = await requirePage('scenarios:read', '/rich-menus');
  const lang = await currentLang();
  const { db } = appDeps();
  const [menus, rules] = await Promise.all([listRichMenus(db), listRichMenuRules(db)]);
  return (
    <div className="mx-auto max-w-6xl p-8">
      <div className="mb-2 flex items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t(lang, 'richMenus.title')}</h1>
        {can(operator, 'scenarios:edit') ? (
          <Link
            href="/rich-menus/new"
            className="rounded-md bg-line px-4 py-2 text-sm font-medium text-white hover:bg-line-dark"
            data-testid="rich-menu-new"
          >
            {t(lang, 'richMenus.new')}
          </Link>
        ) : null}
      </div>
      <p className="mb-6 max-w-3xl text-sm text-slate-600">{t(lang, 'richMenus.help')}</p>
      <ListTable
        headers={[
          t(lang, 'richMenus.name'),
          t(lang, 'richMenus.size'),
          t(lang, 'richMenus.areas'),
          t(lang, 'richMenus.status'),
          t(lang, 'richMenus.updated'),
        ]}
        empty={t(lang, 'richMenus.empty')}
        isEmpty={menus.length === 0}
        testId="rich-menu-list"
      >
        {menus.map((m) => (
          <tr key={m.id} className="border-t border-slate-100">
            <td className="px-4 py-2">
              <Link href={`/rich-menus/${m.id}`} className="font-medium text-line-dark hover:underline">
                {m.name}
              </Link>
              {m.isDefault ? (
                <span className="ml-2 rounded bg-line/15 px-1.5 text-xs text-line-dark">{t(lang, 'richMenus.isDefault')}</span>
              ) : null}
            </td>
            <td className="px-4 py-2">
              {m.size.width}×{m.size.height}
            </td>
            <td className="px-4 py-2">{m.areas.length}</td>
            <td className="px-4 py-2">
              {m.publishedAt ? `${t(lang, 'richMenus.published')} ${formatInstant(m.publishedAt, lang)}` : t(lang, 'richMenus.unpublished')}
            </td>
            <td className="px-4 py-2 text-slate-500">{formatInstant(m.updatedAt, lang)}</td>
          </tr>
        ))}
      </ListTable>
      <h2 className="mb-1 mt-10 text-lg font-semibold">{t(lang, 'richMenus.rules.title')}</h2>
      <p className="mb-3 max-w-3xl text-sm text-slate-600">{t(lang, 'richMenus.rules.help')}</p>
      <RulesEditor
        lang={lang}
        rules={rules}
        menus={menus.map((m) => ({ id: m.id, name: m.name }))}
        canEdit={can(operator, 'scenarios:publish')}
        save={saveRichMenuRulesAction}
      />
    </div>
  );
}
