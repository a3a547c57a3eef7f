// Next's 403 page (forbidden() from requirePage): the operator is signed in but their role lacks the permission.
import { NoticePage } from '@/components/ui/notice-page';
import { currentLang } from '@/lib/i18n/server';

export default async function Forbidden() {
  return <NoticePage lang={await currentLang()} testId="forbidden" title="forbidden.title" help="forbidden.help" />;
}
