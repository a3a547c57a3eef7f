// One rich menu in the editor (/rich-menus/new for a new one) with its taps per area; editable with scenarios:edit,
// published and made the default with scenarios:publish.
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { z } from 'zod';
import { RichMenuEditor } from '@/components/rich-menus/rich-menu-editor';
import { getRichMenu, listRichMenus, richMenuImage } from '@/db/queries/rich-menus';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { richMenuReport, type LineFigures } from '@/lib/rich-menus/report';
import type { RichMenuArea, RichMenuDraft } from '@/scenario/rich-menu';
import { publishRichMenuAction, saveRichMenuAction, setDefaultRichMenuAction } from '../actions';

export const dynamic = 'force-dynamic';

const EMPTY: RichMenuDraft = { name: '', chatBarText: 'メニュー', selected: true, size: { width: 2500, height: 843 }, areas: [] };

function describeAction(a: RichMenuArea['action'], menus: { id: string; name: string }[]): string {
  switch (a.type) {
    case 'postback':
      return `postback: ${a.event}`;
    case 'uri':
      return a.uri;
    case 'message':
      return `“${a.text}”`;
    case 'switch':
      return `→ ${menus.find((m) => m.id === a.toMenuId)?.name ?? a.toMenuId}`;
  }
}

/** "20260213" → "2026-02-13". */
const day = (d: string | null) => (d ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : '—');

function lineSummary(lang: Lang, line: LineFigures): string {
  switch (line.status) {
    case 'ok':
      return t(lang, 'richMenus.report.lineImpressions')
        .replace('{count}', String(line.impressions.count))
        .replace('{users}', String(line.impressions.uniqueUsers))
        .replace('{from}', day(line.from))
        .replace('{to}', day(line.to));
    case 'below_threshold':
      return t(lang, 'richMenus.report.lineBelowThreshold');
    case 'unavailable':
      return t(lang, 'richMenus.report.lineUnavailable');
    case 'not_published':
      return t(lang, 'richMenus.report.lineNotPublished');
  }
}

export default async function RichMenuPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { operator } = await requirePage('scenarios:read', `/rich-menus/${id}`);
  const lang = await currentLang();
  const canEdit = can(operator, 'scenarios:edit');
  const deps = appDeps();
  const { db } = deps;
  const menu = id === 'new' ? null : z.uuid().safeParse(id).success ? await getRichMenu(db, id) : null;
  if (id === 'new' && !canEdit) forbidden();
  if (id !== 'new' && !menu) notFound();
  const menus = (await listRichMenus(db)).map((m) => ({ id: m.id, name: m.name }));
  const report = menu ? await richMenuReport(deps, menu) : null;
  const file = menu?.imageMediaId ? await richMenuImage(db, menu.imageMediaId) : null;
  const image =
    menu?.imageMediaId && file
      ? {
          mediaId: menu.imageMediaId,
          url: `/media/${menu.imageMediaId}/${file.contentType === 'image/png' ? 'original.png' : 'original.jpg'}`,
        }
      : null;
  return (
    <div className="mx-auto max-w-6xl p-8">
      <Link href="/rich-menus" className="text-sm text-slate-500 hover:underline">
        ← {t(lang, 'richMenus.back')}
      </Link>
      <h1 className="mb-4 text-2xl font-bold">{menu ? menu.name : t(lang, 'richMenus.new')}</h1>
      <RichMenuEditor
        lang={lang}
        menuId={menu?.id ?? null}
        initial={menu ?? EMPTY}
        image={image}
        menus={menus}
        published={menu?.lineRichMenuId != null}
        isDefault={menu?.isDefault ?? false}
        canEdit={canEdit}
        canPublish={can(operator, 'scenarios:publish')}
        save={saveRichMenuAction}
        publish={publishRichMenuAction}
        setDefault={setDefaultRichMenuAction}
      />
      {menu && report ? (
        <section className="mt-10">
          <h2 className="mb-2 text-lg font-semibold">{t(lang, 'richMenus.report.title')}</h2>
          <table
            className="w-full max-w-3xl overflow-hidden rounded-lg border border-slate-200 bg-white text-sm"
            data-testid="rich-menu-report"
          >
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-4 py-2">{t(lang, 'richMenus.area')}</th>
                <th className="px-4 py-2">{t(lang, 'richMenus.action')}</th>
                <th className="px-4 py-2">{t(lang, 'richMenus.report.taps')}</th>
                <th className="px-4 py-2">{t(lang, 'richMenus.report.friends')}</th>
                <th className="px-4 py-2">{t(lang, 'richMenus.report.lineClicks')}</th>
              </tr>
            </thead>
            <tbody>
              {menu.areas.map((a, i) => (
                <tr key={i} className="border-t border-slate-100" data-testid={`rich-menu-report-${i}`}>
                  <td className="px-4 py-2">{i + 1}</td>
                  <td className="px-4 py-2 font-mono text-xs">{describeAction(a.action, menus)}</td>
                  <td className="px-4 py-2" data-testid={`rich-menu-taps-${i}`}>
                    {report.areas[i]?.taps ?? '—'}
                  </td>
                  <td className="px-4 py-2">{report.areas[i]?.friends ?? '—'}</td>
                  <td className="px-4 py-2" data-testid={`rich-menu-line-clicks-${i}`}>
                    {report.areas[i]?.lineClicks ? `${report.areas[i].lineClicks.count} / ${report.areas[i].lineClicks.uniqueUsers}` : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-sm text-slate-700" data-testid="rich-menu-line-stats">
            {lineSummary(lang, report.line)}
          </p>
          <p className="mt-2 text-xs text-slate-500">{t(lang, 'richMenus.report.note')}</p>
        </section>
      ) : null}
    </div>
  );
}
