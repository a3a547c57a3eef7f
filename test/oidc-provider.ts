// A real OpenID provider for the SSO tests (oidc-provider on 127.0.0.1, its built-in login and consent pages), and a
// scripted user agent that signs in at it the way a browser would, so no test ever mocks the OIDC side.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { freePort } from '../devstack/postgres';

export interface OidcAccount {
  /** The subject; also what one types into the provider's login field. */
  sub: string;
  email: string;
  name: string;
}

export interface OidcProviderOptions {
  accounts: OidcAccount[];
  redirectUris: string[];
  /**
   * Registers the client as a native app so that, by RFC 8252 §7.3, the port of an http://127.0.0.1 redirect URI is
   * not compared: a browser test can start the provider before the app whose port it does not know yet.
   */
  anyLoopbackPort?: boolean;
  /** How the client authenticates at the token endpoint; better-auth's generic OAuth sends the secret in the body. */
  tokenEndpointAuthMethod?: 'client_secret_post' | 'client_secret_basic';
}

export interface OidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

// oidc-provider ships no types; this is the part of its (Koa) API used here.
interface ProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

export async function startOidcProvider(opts: OidcProviderOptions): Promise<OidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'kizuna-test';
  const clientSecret = randomBytes(24).toString('base64url');
  const unquiet = quietProviderNotices();
  try {
    // Imported here, not at the top, so its import-time notice is filtered too.
    // @ts-expect-error -- oidc-provider ships no types (ProviderClass above describes the part used here)
    const { default: Provider } = (await import('oidc-provider')) as { default: ProviderClass };
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          application_type: opts.anyLoopbackPort ? 'native' : 'web',
          redirect_uris: opts.redirectUris,
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: opts.tokenEndpointAuthMethod ?? 'client_secret_post',
        },
      ],
      // Stricter than most providers: a sign-in that does not use PKCE fails, so the tests prove it is used.
      pkce: { required: () => true },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      findAccount: (_ctx: unknown, sub: string) => {
        const account = opts.accounts.find((a) => a.sub === sub);
        if (!account) return undefined;
        return { accountId: sub, claims: () => ({ sub, email: account.email, email_verified: true, name: account.name }) };
      },
      features: { devInteractions: { enabled: true } },
      jwks: { keys: [signingKey()] },
      cookies: { keys: [randomBytes(32).toString('hex')] },
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
      renderError: (ctx: { type: string; body: string }, out: { error?: string; error_description?: string }) => {
        ctx.type = 'text';
        ctx.body = `oidc error: ${out.error ?? '?'}: ${out.error_description ?? ''}`;
      },
    });
    const handle = provider.callback();
    const server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    return {
      issuer,
      clientId,
      clientSecret,
      close: async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        unquiet();
      },
    };
  } catch (err) {
    unquiet();
    throw err;
  }
}

/** A fresh RS256 key, so the provider does not fall back to (and warn about) its development keys. */
function signingKey(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
}

// oidc-provider prints development notices (in-memory store, dev interactions, Node 20 not being an LTS it supports)
// through console.warn/info with a fixed prefix; those alone are dropped while a provider is running.
const NOTICE = /^(?:\x1b\[[\d;]*m)?oidc-provider (?:WARNING|NOTICE):/;
let quietCount = 0;
let restore: (() => void) | null = null;

function quietProviderNotices(): () => void {
  if (quietCount++ === 0) {
    const { warn, info } = console;
    const filtered =
      (log: (...args: unknown[]) => void) =>
      (...args: unknown[]) => {
        if (typeof args[0] === 'string' && NOTICE.test(args[0])) return;
        log(...args);
      };
    console.warn = filtered(warn);
    console.info = filtered(info);
    restore = () => {
      console.warn = warn;
      console.info = info;
    };
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--quietCount === 0) restore?.();
  };
}

/** Cookies by name, as a browser would keep them for one site (path and expiry are enough for these flows). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const expired = attrs.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now()),
      );
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Signs in at the provider as `login` from its authorization URL, answering the login form and the consent form as a
 * person would; returns the URL the provider finally redirects to (the client's redirect URI with code and state).
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<string> {
  const origin = new URL(authorizationUrl).origin;
  const jar = new CookieJar();
  let next: { url: string; form?: URLSearchParams } = { url: authorizationUrl };
  for (let step = 0; step < 20; step++) {
    const res = await fetch(next.url, {
      method: next.form ? 'POST' : 'GET',
      headers: { cookie: jar.header(), ...(next.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: next.form?.toString(),
      redirect: 'manual',
    });
    jar.store(res);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const target = new URL(location, next.url);
      if (target.origin !== origin) return target.href;
      next = { url: target.href };
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`provider answered ${res.status} at ${next.url}: ${html.slice(0, 300)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no sign-in or consent form at ${next.url}`);
    const form = new URLSearchParams({ prompt });
    if (prompt === 'login') {
      form.set('login', login);
      form.set('password', 'any password: the development login accepts every password');
    }
    next = { url: new URL(action.replaceAll('&amp;', '&'), next.url).href, form };
  }
  throw new Error('the provider did not redirect back to the client within 20 steps');
}
