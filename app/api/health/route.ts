// GET /api/health: liveness for load balancers; answers without touching data.
import { publicRoute } from '@/lib/auth/guard';

export const dynamic = 'force-dynamic';

export const GET = publicRoute('health', async () => Response.json({ ok: true }));
