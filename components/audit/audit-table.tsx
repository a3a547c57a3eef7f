// The audit log as a table: when (JST), who, from which IP, the action and its object in words, and a summary.
import Link from 'next/link';
import { formatInstant } from '@/lib/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { AuditAction, AuditRow } from '@/lib/ui-types';
import { actionLabel, describeDetail, objectTypeLabel, type AuditNames } from './describe';
import { auditHref, type AuditSearchParams } from './search-params';

/** A row whose action this build knows (older or newer rows keep their raw action name). */
export type AuditEntry = AuditRow & { known: AuditAction | null };

const th = 'px-3 py-2';
const td = 'px-3 py-2 align-top';

export function AuditTable({
  lang,
  rows,
  names,
  params,
}: {
  lang: Lang;
  rows: AuditEntry[];
  names: AuditNames;
  params: AuditSearchParams;
}) {
  if (rows.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">{t(lang, 'audit.empty')}</p>
    );
  }
  return (
    <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm" data-testid="audit-table">
      <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
        <tr>
          <th className={th}>{t(lang, 'audit.col.at')}</th>
          <th className={th}>{t(lang, 'audit.col.actor')}</th>
          <th className={th}>{t(lang, 'audit.col.ip')}</th>
          <th className={th}>{t(lang, 'audit.col.action')}</th>
          <th className={th}>{t(lang, 'audit.col.object')}</th>
          <th className={th}>{t(lang, 'audit.col.detail')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className="border-t border-slate-100" data-action={r.action}>
            <td className={`${td} whitespace-nowrap text-xs text-slate-500`}>{formatInstant(r.at, lang)}</td>
            <td className={`${td} break-all`}>{r.actorEmail ?? <span className="text-slate-400">{t(lang, 'audit.system')}</span>}</td>
            <td className={`${td} font-mono text-xs text-slate-500`}>{r.ip ?? '—'}</td>
            <td className={`${td} whitespace-nowrap font-medium ${r.action === 'sign_in_failed' ? 'text-rose-700' : ''}`}>
              {r.known ? actionLabel(lang, r.known) : r.action}
            </td>
            <td className={td}>
              <AuditObject lang={lang} type={r.objectType} id={r.objectId} names={names} params={params} />
            </td>
            <td className={`${td} text-xs text-slate-600`}>
              {r.known ? describeDetail(lang, r.known, r.detail, names) : JSON.stringify(r.detail)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AuditObject({
  lang,
  type,
  id,
  names,
  params,
}: {
  lang: Lang;
  type: string | null;
  id: string | null;
  names: AuditNames;
  params: AuditSearchParams;
}) {
  if (!type || !id) return <span className="text-slate-400">—</span>;
  const named = type === 'scenario' || type === 'operator' || type === 'api_key' || type === 'friend';
  const name = named ? (names[`${type}:${id}`] ?? null) : id;
  const href = name === null ? null : type === 'scenario' ? `/scenarios/${id}` : type === 'friend' ? `/friends/${id}` : null;
  const shown = name ?? <span className="font-mono text-xs text-slate-400">{`${id.slice(0, 8)}… ${t(lang, 'audit.missing')}`}</span>;
  return (
    <div className="min-w-0">
      <div className="text-xs text-slate-500">{objectTypeLabel(lang, type)}</div>
      {href ? (
        <Link href={href} className="break-all text-line-dark hover:underline">
          {shown}
        </Link>
      ) : (
        <span className="break-all">{shown}</span>
      )}
      <Link
        href={auditHref({ ...params, type, id })}
        title={t(lang, 'audit.onlyThis')}
        aria-label={t(lang, 'audit.onlyThis')}
        className="ml-1 text-xs text-slate-400 hover:text-slate-700"
      >
        ⌕
      </Link>
    </div>
  );
}
