// GET /api/health/outbox: for monitoring, the trigger outbox's counts (no personal data); 503 while facts wait longer
// than a minute or any stopped retrying, so an alert fires. Liveness for load balancers stays GET /api/health.
import { dispatchBacklog } from '@/db/queries/dispatches';
import { appDeps } from '@/lib/app-deps';
import { publicRoute } from '@/lib/auth/guard';
import { outboxHealthy } from '@/lib/engine/outbox-health';

export const dynamic = 'force-dynamic';

export const GET = publicRoute('health', async () => {
  const backlog = await dispatchBacklog(appDeps().db);
  const ok = outboxHealthy(backlog);
  return Response.json({ ok, ...backlog }, { status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
});
