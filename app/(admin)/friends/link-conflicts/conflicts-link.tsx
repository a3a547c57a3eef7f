// The friends page's way to the open member-id link conflicts (shown to operators with friends:edit), with their count.
import Link from 'next/link';
import { countOpenLinkConflicts } from '@/db/queries/link-conflicts';
import { appDeps } from '@/lib/app-deps';
import { t, type Lang } from '@/lib/i18n/dictionary';

export async function LinkConflictsLink({ lang }: { lang: Lang }) {
  const n = await countOpenLinkConflicts(appDeps().db);
  const tone = n > 0 ? 'border-amber-300 bg-amber-50 text-amber-900 hover:bg-amber-100' : 'border-slate-300 bg-white hover:bg-slate-50';
  return (
    <Link href="/friends/link-conflicts" className={`rounded-md border px-3 py-1.5 text-sm ${tone}`} data-testid="link-conflicts-link">
      {t(lang, 'linkConflicts.link').replace('{n}', String(n))}
    </Link>
  );
}
