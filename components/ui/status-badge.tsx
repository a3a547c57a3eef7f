// A coloured badge for a scenario's status.
import { t, type Lang } from '@/lib/i18n/dictionary';
import type { ScenarioStatus } from '@/lib/ui-types';

const colours: Record<ScenarioStatus, string> = {
  draft: 'bg-slate-100 text-slate-700',
  live: 'bg-green-100 text-green-800',
  paused: 'bg-amber-100 text-amber-800',
  stopped: 'bg-rose-100 text-rose-800',
};

export function StatusBadge({ status, lang }: { status: ScenarioStatus; lang: Lang }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${colours[status]}`}>{t(lang, `status.${status}`)}</span>;
}
