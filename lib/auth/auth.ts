// Operator accounts on better-auth: email + password, optional TOTP, optional OIDC single sign-on, sessions in
// PostgreSQL. Built by a composition root (lib/app-deps.ts for the app, scripts for the CLI) from explicit config.
import { createHmac } from 'node:crypto';
import { betterAuth, type BetterAuthPlugin } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { getSessionCookie } from 'better-auth/cookies';
import { genericOAuth, twoFactor } from 'better-auth/plugins';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { countFailedSignIns } from '@/db/queries/audit';
import { authVerifications, operatorAccounts, operators, operatorSessions, operatorTwoFactors } from '@/db/schema';
import { recordAudit } from '../audit/record';
import { clientIp } from './client-ip';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface AuthConfig {
  appBaseUrl: string;
  /** KIZUNA_SECRET; better-auth signs cookies with a key derived from it. */
  secret: string;
  oidc?: OidcConfig | null;
  /** Extra plugins from the root (the app adds `nextCookies`, which must come last). */
  plugins?: BetterAuthPlugin[];
}

/** The provider id of the OIDC single sign-on; its callback is /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = 'oidc';
export const COOKIE_PREFIX = 'kizuna';
export const SESSION_SECONDS = 12 * 60 * 60;
/** Failed sign-ins allowed in the window, per account and per IP address. */
export const SIGN_IN_LIMITS = { windowMs: 15 * 60 * 1000, perEmail: 5, perIp: 30 };

export function createAuth(db: DbOrTx, config: AuthConfig) {
  const secure = config.appBaseUrl.startsWith('https://');
  return betterAuth({
    appName: 'Kizuna',
    baseURL: config.appBaseUrl,
    basePath: '/api/auth',
    secret: createHmac('sha256', config.secret).update('kizuna/better-auth').digest('base64url'),
    trustedOrigins: [config.appBaseUrl],
    telemetry: { enabled: false },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: operators,
        session: operatorSessions,
        account: operatorAccounts,
        verification: authVerifications,
        twoFactor: operatorTwoFactors,
      },
    }),
    emailAndPassword: { enabled: true, disableSignUp: true, autoSignIn: false, minPasswordLength: 12, maxPasswordLength: 256 },
    user: {
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'viewer', input: false },
        canExportFriends: { type: 'boolean', required: false, defaultValue: false, input: false },
        totpRequired: { type: 'boolean', required: false, defaultValue: false, input: false },
        disabledAt: { type: 'date', required: false, input: false },
      },
    },
    session: { expiresIn: SESSION_SECONDS, updateAge: 60 * 60 },
    account: { accountLinking: { enabled: true, trustedProviders: [OIDC_PROVIDER_ID] } },
    // Failed sign-ins are limited per account and per IP from the audit log (below), which every process shares.
    rateLimit: { enabled: false },
    advanced: { useSecureCookies: secure, cookiePrefix: COOKIE_PREFIX, ipAddress: { ipAddressHeaders: ['x-forwarded-for', 'x-real-ip'] } },
    databaseHooks: {
      session: {
        create: {
          // A removed operator cannot start a session by any method.
          before: async (session) => {
            const [op] = await db.select({ disabledAt: operators.disabledAt }).from(operators).where(eq(operators.id, session.userId));
            if (!op || op.disabledAt) return false;
            return { data: session };
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const email = typeof ctx.body?.email === 'string' ? ctx.body.email : '';
        const ip = ctx.headers ? clientIp(ctx.headers) : null;
        const since = new Date(Date.now() - SIGN_IN_LIMITS.windowMs);
        const failed = await countFailedSignIns(db, { email, ip, since });
        if (failed.byEmail >= SIGN_IN_LIMITS.perEmail || failed.byIp >= SIGN_IN_LIMITS.perIp) {
          throw new APIError('TOO_MANY_REQUESTS', {
            message: 'too many failed sign-ins; try again in 15 minutes',
            code: 'SIGN_IN_RATE_LIMITED',
          });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const ip = ctx.headers ? clientIp(ctx.headers) : null;
        const created = ctx.context.newSession;
        // Only a sign-in is a sign-in: a password change or TOTP enrolment also makes a new session, but the request
        // already carried one.
        const signInPath = ctx.path === '/sign-in/email' || ctx.path.startsWith('/callback/') || ctx.path.startsWith('/two-factor/verify-');
        const hadSession = ctx.headers ? getSessionCookie(ctx.headers, { cookiePrefix: COOKIE_PREFIX }) !== null : false;
        if (created && signInPath && !hadSession) {
          const method = ctx.path.startsWith('/callback/') ? 'sso' : ctx.path.startsWith('/two-factor') ? 'password+totp' : 'password';
          await recordAudit(
            db,
            { id: created.user.id, email: created.user.email, ip },
            { action: 'sign_in', object: { type: 'operator', id: created.user.id }, detail: { method } },
          );
          return;
        }
        const failedPath =
          ctx.path === '/sign-in/email' || ctx.path === '/two-factor/verify-totp' || ctx.path === '/two-factor/verify-backup-code';
        if (failedPath && ctx.context.returned instanceof APIError) {
          if (ctx.context.returned.statusCode === 429) return;
          const email = typeof ctx.body?.email === 'string' ? ctx.body.email.slice(0, 320) : null;
          await recordAudit(
            db,
            { id: null, email, ip },
            { action: 'sign_in_failed', detail: { step: ctx.path.startsWith('/two-factor') ? 'totp' : 'password' } },
          );
        }
      }),
    },
    plugins: [
      // allowPasswordless: an SSO-only operator (no password) can still enrol TOTP when an owner requires it.
      twoFactor({ issuer: 'Kizuna', allowPasswordless: true, schema: { twoFactor: { modelName: 'twoFactor' } } }),
      // Always present so the API is typed; with no issuer configured it has no provider and SSO is off.
      genericOAuth({
        config: config.oidc
          ? [
              {
                providerId: OIDC_PROVIDER_ID,
                discoveryUrl: `${config.oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
                clientId: config.oidc.clientId,
                clientSecret: config.oidc.clientSecret,
                scopes: ['openid', 'email', 'profile'],
                pkce: true,
                // Only operators an owner created can sign in; SSO links to them by their verified email.
                disableImplicitSignUp: true,
                disableSignUp: true,
              },
            ]
          : [],
      }),
      ...(config.plugins ?? []),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
