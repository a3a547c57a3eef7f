// Settings: the LINE channel (masked) and the webhook URL to paste into LINE's console, API keys, attribute definitions.
import { listApiKeys } from '@/db/queries/api-keys';
import { listAttributeDefinitions } from '@/db/queries/attributes';
import { ApiKeys } from '@/components/settings/api-keys';
import { AttributeDefinitions } from '@/components/settings/attribute-definitions';
import { ChannelInfoPanel } from '@/components/settings/channel-info-panel';
import { appDeps } from '@/lib/app-deps';
import { requirePage } from '@/lib/auth/guard';
import { env } from '@/lib/env';
import { t } from '@/lib/i18n/dictionary';
import { currentLang } from '@/lib/i18n/server';
import { channelInfo } from '@/lib/line/channel-info';
import { createApiKeyAction, createAttributeAction, deleteAttributeAction, editAttributeAction, revokeApiKeyAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function SettingsPage() {
  await requirePage('attributes:manage', '/settings');
  const lang = await currentLang();
  const { db, line } = appDeps();
  const [info, keys, defs] = await Promise.all([channelInfo(env(), line), listApiKeys(db), listAttributeDefinitions(db)]);
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6 p-8">
      <h1 className="text-2xl font-bold">{t(lang, 'settings.title')}</h1>
      <ChannelInfoPanel lang={lang} info={info} />
      <ApiKeys
        lang={lang}
        keys={keys.map((k) => ({
          id: k.id,
          name: k.name,
          prefix: k.prefix,
          createdAt: k.createdAt.getTime(),
          revokedAt: k.revokedAt?.getTime() ?? null,
        }))}
        appBaseUrl={env().APP_BASE_URL}
        createApiKeyAction={createApiKeyAction}
        revokeApiKeyAction={revokeApiKeyAction}
      />
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
