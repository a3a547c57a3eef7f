// A coloured badge for where a broadcast stands (下書き, 配信予約, 配信中, 配信完了, 一時停止, 中止).
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { BroadcastState } from '@/lib/ui-types';

const colours: Record<BroadcastState, string> = {
  draft: 'bg-slate-100 text-slate-700',
  scheduled: 'bg-sky-100 text-sky-800',
  sending: 'bg-amber-100 text-amber-800',
  done: 'bg-green-100 text-green-800',
  paused: 'bg-amber-100 text-amber-800',
  cancelled: 'bg-rose-100 text-rose-800',
};

export function BroadcastStateBadge({ state, lang }: { state: BroadcastState; lang: Lang }) {
  return (
    <span
      className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${colours[state]}`}
      data-testid="broadcast-state"
      data-state={state}
    >
      {t(lang, `broadcasts.state.${state}`)}
    </span>
  );
}
