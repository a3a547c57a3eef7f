// The composer for a new broadcast or a draft, with the server actions the operator's role allows (test send and
// scheduling only for roles that may; the actions check again).
import { BroadcastComposer } from '@/components/broadcasts/broadcast-composer';
import type { composerData } from '@/lib/broadcasts/composer-data';
import type { Operator } from '@/lib/auth/operator';
import { can } from '@/lib/auth/roles';
import type { Lang } from '@/lib/i18n/dictionary';
import { countAudienceAction, saveBroadcastAction, scheduleBroadcastAction, testSendBroadcastAction } from './actions';

export function ComposerSection({
  lang,
  operator,
  data,
}: {
  lang: Lang;
  operator: Operator;
  data: NonNullable<Awaited<ReturnType<typeof composerData>>>;
}) {
  return (
    <BroadcastComposer
      key={`${data.initial.id ?? 'new'}:${data.initial.revision ?? 0}`}
      lang={lang}
      {...data}
      actions={{
        count: countAudienceAction,
        save: saveBroadcastAction,
        testSend: can(operator, 'scenarios:test_send') ? testSendBroadcastAction : null,
        schedule: can(operator, 'scenarios:publish') ? scheduleBroadcastAction : null,
      }}
    />
  );
}
