// GET /api/rich-menus: the rich menus a scenario's switch step may name (id, name, published or not).
// policy: session, scenarios:read
import { listRichMenus } from '@/db/queries/rich-menus';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';

export const GET = sessionRoute('scenarios:read', async () => {
  const menus = await listRichMenus(appDeps().db);
  return Response.json({ menus: menus.map((m) => ({ id: m.id, name: m.name, published: m.lineRichMenuId !== null })) });
});
