'use client';
// One operator: role select, the two switches an owner sets (TOTP required, friends export) and remove, each calling
// its server action; the server's refusal (the last owner, say) shows under the row.
import { useOptimistic, useState, useTransition } from 'react';
import { formatInstant } from '@/lib/format';
import { isRole, ROLES } from '@/lib/auth/roles';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ActionResult } from '@/lib/ui-types';
import { operatorErrorText } from './error-text';
import type { OperatorActions, OperatorView } from './types';

export function OperatorRow({ lang, operator, actions }: { lang: Lang; operator: OperatorView; actions: OperatorActions }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  // The change shows at once; the server's answer (the revalidated page, or a refusal) replaces it.
  const [o, setOptimistic] = useOptimistic(operator, (current, patch: Partial<OperatorView>) => ({ ...current, ...patch }));
  const removed = o.removedAt !== null;
  const call = (patch: Partial<OperatorView>, fn: () => Promise<ActionResult>) =>
    start(async () => {
      setOptimistic(patch);
      const r = await fn();
      setError(r.ok ? null : operatorErrorText(lang, r.error));
    });
  const cell = 'py-2 pr-3 align-top';

  return (
    <>
      <tr className={`border-t border-slate-100 ${removed ? 'text-slate-400' : ''}`} data-testid="operator-row" data-email={o.email}>
        <td className={`${cell} font-medium`}>
          {o.name}
          {o.isSelf ? <span className="ml-1 text-xs font-normal text-slate-500">({t(lang, 'operators.you')})</span> : null}
        </td>
        <td className={cell}>{o.email}</td>
        <td className={cell}>
          {removed ? (
            t(lang, `role.${o.role}`)
          ) : (
            <select
              aria-label={t(lang, 'operators.col.role')}
              value={o.role}
              disabled={pending}
              onChange={(e) => {
                const role = e.target.value;
                if (isRole(role)) call({ role }, () => actions.changeOperatorRoleAction(o.id, role));
              }}
              className="rounded-md border border-slate-300 px-1.5 py-1 text-sm"
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(lang, `role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </td>
        <td className={cell}>{t(lang, o.twoFactorEnabled ? 'operators.twoFactor.on' : 'operators.twoFactor.off')}</td>
        <td className={cell}>
          <input
            type="checkbox"
            aria-label={t(lang, 'operators.col.totpRequired')}
            checked={o.totpRequired}
            disabled={pending || removed}
            onChange={(e) => {
              const required = e.target.checked;
              call({ totpRequired: required }, () => actions.setTotpRequiredAction(o.id, required));
            }}
          />
        </td>
        <td className={cell}>
          {o.role === 'owner' ? (
            <span className="text-xs text-slate-500">{t(lang, 'operators.exportGrant.owner')}</span>
          ) : (
            <input
              type="checkbox"
              aria-label={t(lang, 'operators.col.exportGrant')}
              checked={o.canExportFriends}
              disabled={pending || removed}
              onChange={(e) => {
                const granted = e.target.checked;
                call({ canExportFriends: granted }, () => actions.setExportGrantAction(o.id, granted));
              }}
            />
          )}
        </td>
        <td className={`${cell} text-xs text-slate-500`}>{formatInstant(o.createdAt, lang)}</td>
        <td className={`${cell} text-xs text-slate-500`}>{o.removedAt !== null ? formatInstant(o.removedAt, lang) : '—'}</td>
        <td className={`${cell} text-right`}>
          {removed || o.isSelf ? null : (
            <button
              type="button"
              disabled={pending}
              onClick={() => {
                if (!window.confirm(t(lang, 'operators.removeConfirm').replace('{email}', o.email))) return;
                call({}, () => actions.removeOperatorAction(o.id));
              }}
              className="rounded-md border border-rose-300 px-2 py-0.5 text-xs text-rose-700 hover:bg-rose-50"
            >
              {t(lang, 'operators.remove')}
            </button>
          )}
        </td>
      </tr>
      {error ? (
        <tr>
          <td colSpan={9} role="alert" className="pb-2 text-sm text-rose-700">
            {error}
          </td>
        </tr>
      ) : null}
    </>
  );
}
