// better-auth's HTTP endpoints, limited to what must be reachable over HTTP: email sign-in (scripts, tests) and the
// OIDC callback. Everything else (TOTP, password change, sign-out) goes through Kizuna's own server actions, which
// check the role and write the audit log; sign-up is disabled, so operators exist only through an owner, the first-run
// setup or the CLI.
import { appDeps } from '@/lib/app-deps';
import { publicRoute } from '@/lib/auth/guard';

const OPEN_PATHS = [/^\/api\/auth\/sign-in\/email$/, /^\/api\/auth\/callback\/[a-z0-9-]+$/, /^\/api\/auth\/error$/];

async function handle(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);
  if (!OPEN_PATHS.some((p) => p.test(pathname))) {
    return Response.json({ error: { code: 'not_found', message: 'not found', issues: [] } }, { status: 404 });
  }
  return appDeps().auth.handler(req);
}

export const GET = publicRoute('sign_in', (req: Request) => handle(req));
export const POST = publicRoute('sign_in', (req: Request) => handle(req));
