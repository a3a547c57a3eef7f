// What a broadcast sends, to whom, when, and under which quiet hours (the published version's, pinned at publishing).
import { formatInstant } from '@/lib/format';
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { BroadcastView } from '@/lib/ui-types';
import { audienceText } from './broadcast-table';
import { MessagePreview } from './message-preview';

export function BroadcastFacts({ lang, view }: { lang: Lang; view: BroadcastView }) {
  const rows: [string, string][] = [
    [t(lang, 'broadcasts.detail.at'), view.at === null ? '—' : formatInstant(view.at, lang, view.timeZone)],
    [t(lang, 'broadcasts.detail.audience'), audienceText(lang, view)],
    [t(lang, 'broadcasts.detail.quiet'), view.quiet ? `${view.quiet.start}–${view.quiet.end}` : t(lang, 'broadcasts.detail.quietNone')],
    [t(lang, 'broadcasts.detail.version'), view.version === null ? '—' : `v${view.version}`],
  ];
  return (
    <section className="grid gap-6 md:grid-cols-2" data-testid="broadcast-facts">
      <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-2 self-start rounded-lg border border-slate-200 bg-white p-4 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd className="text-slate-900">{v}</dd>
          </div>
        ))}
      </dl>
      <div>
        <h2 className="mb-2 text-sm font-bold text-slate-800">{t(lang, 'broadcasts.detail.message')}</h2>
        <MessagePreview lang={lang} messages={view.messages} />
      </div>
    </section>
  );
}
