// The audit log (owners and publishers): filtered by action, who, object and JST days; newest first, older on demand.
import Link from 'next/link';
import { auditObjectNames, listAudit } from '@/db/queries/audit';
import { AuditFilter } from '@/components/audit/audit-filter';
import { AuditTable, type AuditEntry } from '@/components/audit/audit-table';
import { AUDIT_PAGE_SIZE, auditHref, auditRange, parseAuditSearchParams } from '@/components/audit/search-params';
import { appDeps } from '@/lib/app-deps';
import { AUDIT_ACTIONS, type AuditAction } from '@/lib/audit/record';
import { requirePage } from '@/lib/auth/guard';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

const known = (a: string): AuditAction | null => AUDIT_ACTIONS.find((x) => x === a) ?? null;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage('audit:read', '/audit');
  const lang = await currentLang();
  const params = parseAuditSearchParams(await searchParams);
  const { db } = appDeps();
  // One row more than shown tells whether older rows exist.
  const found = await listAudit(
    db,
    {
      ...(params.action ? { action: params.action } : {}),
      ...(params.actor ? { actor: params.actor } : {}),
      ...(params.type ? { objectType: params.type } : {}),
      ...(params.id ? { objectId: params.id } : {}),
      ...(params.before ? { before: params.before } : {}),
      ...auditRange(params),
    },
    AUDIT_PAGE_SIZE + 1,
  );
  const rows: AuditEntry[] = found.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r, known: known(r.action) }));
  const refs = rows.flatMap((r) => [
    ...(r.objectType && r.objectId ? [{ type: r.objectType, id: r.objectId }] : []),
    ...(r.action === 'test_send' && typeof r.detail.friendId === 'string' ? [{ type: 'friend', id: r.detail.friendId }] : []),
    ...(r.action === 'scenario_duplicated' && typeof r.detail.sourceId === 'string' ? [{ type: 'scenario', id: r.detail.sourceId }] : []),
  ]);
  const names = await auditObjectNames(db, refs);
  const last = rows.at(-1);
  return (
    <div className="mx-auto max-w-7xl p-8" data-testid="audit-page">
      <h1 className="mb-1 text-2xl font-bold">{t(lang, 'audit.title')}</h1>
      <p className="mb-4 text-sm text-slate-500">{t(lang, 'audit.help')}</p>
      <AuditFilter lang={lang} params={params} actions={AUDIT_ACTIONS} />
      <AuditTable lang={lang} rows={rows} names={names} params={params} />
      <nav className="mt-4 flex items-center justify-center gap-4 text-sm" aria-label={t(lang, 'common.pagination')}>
        {params.before ? (
          <Link href={auditHref(params)} className="text-slate-500 underline">
            {t(lang, 'audit.newest')}
          </Link>
        ) : null}
        <span className="text-slate-500">{t(lang, 'audit.shown').replace('{n}', String(rows.length))}</span>
        {found.length > AUDIT_PAGE_SIZE && last ? (
          <Link href={auditHref(params, last.id)} className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50">
            {t(lang, 'audit.more')}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
