// policy: public, static page with no data (listed in docs/security.md).
// GET /in/thanks: the thank-you page after an inflow route's LINE Login (ja/en); static, reads no data.
import { publicRoute } from '@/lib/auth/guard';
import { isLang } from '@/lib/i18n/dictionary';
import { visitorLang, visitorPage } from '@/lib/inflow/pages';

export const GET = publicRoute('line_login', async (request: Request) => {
  const asked = new URL(request.url).searchParams.get('lang');
  return visitorPage(isLang(asked) ? asked : visitorLang(request.headers.get('accept-language')), 'thanks', 200);
});
