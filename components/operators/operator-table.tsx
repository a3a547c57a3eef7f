'use client';
// The operators list: active operators first to last created; removed ones (kept for the audit trail) on request.
import { useState } from 'react';
import { t, type Lang } from '@/lib/i18n/dictionary';
import { OperatorRow } from './operator-row';
import type { OperatorActions, OperatorView } from './types';

export function OperatorTable({ lang, operators, actions }: { lang: Lang; operators: OperatorView[]; actions: OperatorActions }) {
  const [showRemoved, setShowRemoved] = useState(false);
  const removedCount = operators.filter((o) => o.removedAt !== null).length;
  const shown = showRemoved ? operators : operators.filter((o) => o.removedAt === null);
  const cols = ['name', 'email', 'role', 'twoFactor', 'totpRequired', 'exportGrant', 'created', 'removed'] as const;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5">
      <table className="w-full text-sm" data-testid="operators-table">
        <thead>
          <tr className="text-left text-xs text-slate-500">
            {cols.map((c) => (
              <th key={c} className="pb-2 pr-3 font-medium">
                {t(lang, `operators.col.${c}`)}
              </th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((o) => (
            <OperatorRow key={o.id} lang={lang} operator={o} actions={actions} />
          ))}
        </tbody>
      </table>
      {removedCount > 0 ? (
        <label className="mt-3 flex items-center gap-1.5 text-xs text-slate-500">
          <input type="checkbox" checked={showRemoved} onChange={(e) => setShowRemoved(e.target.checked)} />
          {t(lang, 'operators.showRemoved')} ({removedCount})
        </label>
      ) : null}
    </section>
  );
}
