// Next's 404 page (unknown paths and notFound() from a page), in the reader's language.
import { NoticePage } from '@/components/ui/notice-page';
import { currentLang } from '@/lib/i18n/server';

export default async function NotFound() {
  return <NoticePage lang={await currentLang()} testId="not-found" title="notFound.title" help="notFound.help" />;
}
