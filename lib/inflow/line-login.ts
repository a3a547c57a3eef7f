// LINE Login for inflow routes: the authorize URL (bot_prompt=aggressive, state, nonce, PKCE), the code exchange, and
// the ID token check (signature through the issuer's JWKS, iss, aud, exp, nonce) with jose. Discovery from the issuer.
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

export interface LineLoginConfig {
  issuer: string;
  channelId: string;
  channelSecret: string;
}

const DiscoverySchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
});
type Discovery = z.infer<typeof DiscoverySchema> & { jwks: JWTVerifyGetKey };

const discovered = new Map<string, Promise<Discovery>>();

async function discover(issuer: string): Promise<Discovery> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`LINE Login discovery answered ${res.status}`);
  const doc = DiscoverySchema.parse(await res.json());
  return { ...doc, jwks: createRemoteJWKSet(new URL(doc.jwks_uri)) };
}

function discovery(issuer: string): Promise<Discovery> {
  let p = discovered.get(issuer);
  if (!p) {
    p = discover(issuer);
    // A failed discovery is tried again on the next visit, not remembered.
    p.catch(() => discovered.delete(issuer));
    discovered.set(issuer, p);
  }
  return p;
}

/** The secrets one sign-in carries in its cookie: compared on the way back. */
export interface LoginSecrets {
  state: string;
  nonce: string;
  verifier: string;
}

export const newLoginSecrets = (): LoginSecrets => ({
  state: randomBytes(18).toString('base64url'),
  nonce: randomBytes(18).toString('base64url'),
  verifier: randomBytes(32).toString('base64url'),
});

export async function authorizeUrl(cfg: LineLoginConfig, redirectUri: string, s: LoginSecrets): Promise<string> {
  const d = await discovery(cfg.issuer);
  const url = new URL(d.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.channelId,
    redirect_uri: redirectUri,
    state: s.state,
    scope: 'openid profile',
    nonce: s.nonce,
    // LINE shows "add friend" for the linked official account on the consent screen itself.
    bot_prompt: 'aggressive',
    code_challenge: createHash('sha256').update(s.verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

const TokenResponseSchema = z.object({ id_token: z.string().min(1) });

export class LoginRefused extends Error {}

/** Exchanges the code and verifies the ID token; the LINE user id (`sub`) when everything holds, LoginRefused otherwise. */
export async function lineUserIdFromCode(
  cfg: LineLoginConfig,
  args: { code: string; redirectUri: string; verifier: string; nonce: string },
): Promise<string> {
  return verifyIdToken(cfg, await discovery(cfg.issuer), await exchangeCode(cfg, args), args.nonce);
}

/** The ID token for an authorization code (the channel secret in the body, as LINE takes it). */
export async function exchangeCode(cfg: LineLoginConfig, args: { code: string; redirectUri: string; verifier: string }): Promise<string> {
  const d = await discovery(cfg.issuer);
  const res = await fetch(d.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: args.code,
      redirect_uri: args.redirectUri,
      client_id: cfg.channelId,
      client_secret: cfg.channelSecret,
      code_verifier: args.verifier,
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new LoginRefused(`token endpoint answered ${res.status}`);
  const token = TokenResponseSchema.safeParse(await res.json());
  if (!token.success) throw new LoginRefused('no ID token in the token response');
  return token.data.id_token;
}

export async function verifyIdToken(
  cfg: LineLoginConfig,
  d: Pick<Discovery, 'issuer' | 'jwks'>,
  idToken: string,
  nonce: string,
): Promise<string> {
  try {
    // LINE signs web-login ID tokens with HS256 (the channel secret) and others with ES256 through its JWKS.
    const hs256 = decodeProtectedHeader(idToken).alg === 'HS256';
    const options = { issuer: d.issuer, audience: cfg.channelId, requiredClaims: ['sub', 'exp', 'nonce'] };
    const { payload } = hs256
      ? await jwtVerify(idToken, new TextEncoder().encode(cfg.channelSecret), { ...options, algorithms: ['HS256'] })
      : await jwtVerify(idToken, d.jwks, { ...options, algorithms: ['ES256', 'RS256'] });
    if (payload.nonce !== nonce) throw new LoginRefused('nonce does not match');
    if (typeof payload.sub !== 'string' || !/^U[0-9a-f]{32}$/.test(payload.sub)) throw new LoginRefused('not a LINE user id');
    return payload.sub;
  } catch (err) {
    if (err instanceof LoginRefused) throw err;
    throw new LoginRefused(`ID token refused: ${err instanceof Error ? err.name : 'invalid'}`);
  }
}

/** For the integration test: the issuer's discovery as the callback uses it. */
export const lineLoginDiscovery = discovery;
