// better-auth's own endpoints (sign-in, sign-out, TOTP, the OIDC callback): each checks credentials itself; sign-up is
// disabled, so operators exist only through an owner, the first-run setup or the CLI.
import { appDeps } from '@/lib/app-deps';
import { publicRoute } from '@/lib/auth/guard';

export const GET = publicRoute('sign_in', async (req: Request) => appDeps().auth.handler(req));
export const POST = publicRoute('sign_in', async (req: Request) => appDeps().auth.handler(req));
