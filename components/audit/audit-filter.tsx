// The audit log's filters: a plain GET form, so every filtered view is a shareable URL.
import Link from 'next/link';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { AuditAction } from '@/lib/ui-types';
import { actionLabel, OBJECT_TYPES, objectTypeLabel } from './describe';
import { auditHref, type AuditSearchParams } from './search-params';

const input = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';
const label = 'flex flex-col text-xs text-slate-500';

export function AuditFilter({ lang, params, actions }: { lang: Lang; params: AuditSearchParams; actions: readonly AuditAction[] }) {
  return (
    // Keyed by the URL: after a client-side navigation (Clear) the uncontrolled inputs start from the new filters.
    <form
      key={auditHref(params)}
      method="get"
      action="/audit"
      role="search"
      className="mb-4 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3"
      data-testid="audit-filter"
    >
      <label className={label}>
        {t(lang, 'audit.filter.action')}
        <select name="action" defaultValue={params.action ?? ''} className={input}>
          <option value="">{t(lang, 'audit.filter.any')}</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {actionLabel(lang, a)}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        {t(lang, 'audit.filter.actor')}
        <input name="actor" type="search" defaultValue={params.actor ?? ''} placeholder="someone@example.jp" className={`${input} w-56`} />
      </label>
      <label className={label}>
        {t(lang, 'audit.filter.objectType')}
        <select name="type" defaultValue={params.type ?? ''} className={input}>
          <option value="">{t(lang, 'audit.filter.any')}</option>
          {OBJECT_TYPES.map((o) => (
            <option key={o} value={o}>
              {objectTypeLabel(lang, o)}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        {t(lang, 'audit.filter.objectId')}
        <input name="id" defaultValue={params.id ?? ''} className={`${input} w-48 font-mono`} />
      </label>
      <label className={label}>
        {t(lang, 'audit.filter.from')}
        <input name="from" type="date" defaultValue={params.from ?? ''} className={input} />
      </label>
      <label className={label}>
        {t(lang, 'audit.filter.to')}
        <input name="to" type="date" defaultValue={params.to ?? ''} className={input} />
      </label>
      <button type="submit" className="rounded-md bg-line px-4 py-1.5 text-sm font-medium text-white hover:bg-line-dark">
        {t(lang, 'audit.filter.apply')}
      </button>
      <Link href="/audit" className="px-2 py-1.5 text-sm text-slate-500 underline">
        {t(lang, 'audit.filter.clear')}
      </Link>
    </form>
  );
}
