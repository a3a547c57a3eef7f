// 「未公開の変更あり」: the draft differs from the live version (the list and the editor's toolbar show the same badge).
import { t, type Lang } from '@/lib/i18n/dictionary';

export function UnpublishedBadge({ lang }: { lang: Lang }) {
  return (
    <span
      className="whitespace-nowrap rounded-full border border-amber-300 bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800"
      title={t(lang, 'scenarios.unpublishedHint')}
      data-testid="unpublished-badge"
    >
      {t(lang, 'scenarios.unpublished')}
    </span>
  );
}
