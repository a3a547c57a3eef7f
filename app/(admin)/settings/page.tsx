// Settings: the LINE channel (masked) and the webhook URL to paste into LINE's console, API keys (both owners only; not
// even loaded for other roles), the account's quiet-hours default (changed by owners, shown to all), attribute definitions.
import { getAccountQuietHours } from '@/db/queries/account-settings';
import { getChatHoldSetting } from '@/db/queries/chat';
import { ChatHoldSetting } from '@/components/settings/chat-hold-setting';
import { saveChatHoldSettingAction } from '../inbox/actions';
import { listApiKeys } from '@/db/queries/api-keys';
import { listAttributeDefinitions } from '@/db/queries/attributes';
import { ApiKeys, type ApiKeyView } from '@/components/settings/api-keys';
import { AttributeDefinitions } from '@/components/settings/attribute-definitions';
import { ChannelInfoPanel } from '@/components/settings/channel-info-panel';
import { QuietHoursDefault } from '@/components/settings/quiet-hours-default';
import { QuotaGauge } from '@/components/settings/quota-gauge';
import { appDeps } from '@/lib/app-deps';
import { listOperators } from '@/lib/auth/manage-operators';
import { requirePage } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { env } from '@/lib/env';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { channelInfo } from '@/lib/line/channel-info';
import { quotaGauge } from '@/lib/line/quota-gauge';
import {
  createApiKeyAction,
  createAttributeAction,
  deleteAttributeAction,
  editAttributeAction,
  revokeApiKeyAction,
  saveQuietHoursAction,
} from './actions';

export const dynamic = 'force-dynamic';

export default async function SettingsPage() {
  const { operator } = await requirePage('attributes:manage', '/settings');
  const lang = await currentLang();
  const { db, line } = appDeps();
  const showChannel = can(operator, 'settings:manage');
  const showKeys = can(operator, 'api_keys:manage');
  const [info, quota, keys, defs, quietHours, chatHold] = await Promise.all([
    showChannel ? channelInfo(env(), line) : null,
    showChannel ? quotaGauge(db, line) : null,
    showKeys ? apiKeyViews() : null,
    listAttributeDefinitions(db),
    getAccountQuietHours(db),
    getChatHoldSetting(db),
  ]);
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6 p-8">
      <h1 className="text-2xl font-bold">{t(lang, 'settings.title')}</h1>
      {info ? <ChannelInfoPanel lang={lang} info={info} /> : null}
      {quota ? <QuotaGauge lang={lang} gauge={quota} /> : null}
      <QuietHoursDefault lang={lang} value={quietHours} {...(showChannel ? { saveQuietHoursAction } : {})} />
      <ChatHoldSetting lang={lang} value={chatHold} {...(showChannel ? { saveChatHoldSettingAction } : {})} />
      {keys ? (
        <ApiKeys
          lang={lang}
          keys={keys}
          appBaseUrl={env().APP_BASE_URL}
          createApiKeyAction={createApiKeyAction}
          revokeApiKeyAction={revokeApiKeyAction}
        />
      ) : null}
      <AttributeDefinitions
        lang={lang}
        defs={defs.map((d) => ({ key: d.key, label: d.label, type: d.type, options: d.options }))}
        createAttributeAction={createAttributeAction}
        editAttributeAction={editAttributeAction}
        deleteAttributeAction={deleteAttributeAction}
      />
    </div>
  );
}

/** Keys with their creator's email; "expired" is decided here, on the server's clock. */
async function apiKeyViews(): Promise<ApiKeyView[]> {
  const { db } = appDeps();
  const [keys, operators] = await Promise.all([listApiKeys(db), listOperators(db)]);
  const emails = new Map(operators.map((o) => [o.id, o.email]));
  const now = Date.now();
  return keys.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    createdBy: k.createdBy ? (emails.get(k.createdBy) ?? null) : null,
    createdAt: k.createdAt.getTime(),
    expiresAt: k.expiresAt?.getTime() ?? null,
    expired: k.expiresAt !== null && k.expiresAt.getTime() <= now,
    lastUsedAt: k.lastUsedAt?.getTime() ?? null,
    revokedAt: k.revokedAt?.getTime() ?? null,
  }));
}
