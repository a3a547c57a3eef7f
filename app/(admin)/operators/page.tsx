// Operators (owners only): everyone who can sign in, their role and two-factor state; add, change and remove them.
import { CreateOperatorForm } from '@/components/operators/create-operator-form';
import { OperatorTable } from '@/components/operators/operator-table';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { listOperators } from '@/lib/auth/manage-operators';
import { isRole } from '@/lib/auth/roles';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import {
  changeOperatorRoleAction,
  createOperatorAction,
  removeOperatorAction,
  setExportGrantAction,
  setTotpRequiredAction,
} from './actions';

export const dynamic = 'force-dynamic';

export default async function OperatorsPage() {
  const { operator: me } = await requirePage('operators:manage', '/operators');
  const lang = await currentLang();
  const deps = appDeps();
  const rows = await listOperators(deps.db);
  const operators = rows.map((o) => ({
    id: o.id,
    name: o.name,
    email: o.email,
    role: isRole(o.role) ? o.role : ('viewer' as const),
    twoFactorEnabled: o.twoFactorEnabled ?? false,
    totpRequired: o.totpRequired,
    canExportFriends: o.canExportFriends,
    createdAt: o.createdAt.getTime(),
    removedAt: o.disabledAt?.getTime() ?? null,
    isSelf: o.id === me.id,
  }));
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6 p-8">
      <div>
        <h1 className="text-2xl font-bold">{t(lang, 'operators.title')}</h1>
        <p className="mt-1 text-sm text-slate-500">{t(lang, 'operators.help')}</p>
      </div>
      <CreateOperatorForm lang={lang} ssoEnabled={deps.ssoEnabled} createOperatorAction={createOperatorAction} />
      <OperatorTable
        lang={lang}
        operators={operators}
        actions={{ changeOperatorRoleAction, setTotpRequiredAction, setExportGrantAction, removeOperatorAction }}
      />
    </div>
  );
}
