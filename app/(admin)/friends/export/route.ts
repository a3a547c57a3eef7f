// GET /friends/export: the CSV download behind the Friends page's export button: owners, or operators with the export
// grant (the same permission model as every other action; audited).
// policy: session, friends:export
import { appDeps } from '@/lib/app-deps';
import { actorOf } from '@/lib/audit/actor';
import { recordAudit } from '@/lib/audit/record';
import { sessionRoute } from '@/lib/auth/guard';
import { csvDownload } from '@/lib/friends/csv-download';
import { exportFriendsCsv } from '@/lib/friends/csv-export';
import { currentLang } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export const GET = sessionRoute('friends:export', async (_req: Request, _ctx: unknown, caller) => {
  const { db } = appDeps();
  const csv = await exportFriendsCsv(db, await currentLang());
  await recordAudit(db, actorOf(caller), { action: 'friends_exported', detail: { via: 'ui' } });
  return csvDownload(csv);
});
