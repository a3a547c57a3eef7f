// LINE Login stand-in under /__login: a real OpenID provider (oidc-provider) with LINE's authorize parameters and a
// consent page that offers 友だち追加 (bot_prompt) and, when ticked, adds the friend on the phone (the follow webhook).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './http-util';
import { newUserId, USER_ID } from './ids';
import type { Phone } from './phone';
import type { SandboxState } from './state';

export const LOGIN_PREFIX = '/__login';
/** The dev defaults of LINE_LOGIN_CHANNEL_ID / LINE_LOGIN_CHANNEL_SECRET (lib/env.ts), so `npm run dev` needs neither. */
export const DEFAULT_LOGIN_CHANNEL = { id: '1000000001', secret: 'kizuna-dev-login-secret' };

export interface LineLoginOptions {
  issuer: string;
  channelId: string;
  channelSecret: string;
}

// oidc-provider ships no types; the part of its API used here.
interface Interaction {
  uid: string;
  prompt: { name: string };
  params: Record<string, unknown>;
}
interface GrantInstance {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface ProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, opts?: object): Promise<void>;
  Grant: new (opts: { accountId: string; clientId: string }) => GrantInstance;
  Client: { prototype: { redirectUriAllowed(uri: string): boolean } };
}
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

export type LineLoginHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export async function createLineLogin(state: SandboxState, phone: Phone, opts: LineLoginOptions): Promise<LineLoginHandler> {
  // Users who signed in without adding the account (they have no phone friend to take the name from).
  const loginOnly = new Map<string, string>();
  // What LINE appends to the callback: whether this login changed the friendship, by the authorize request's state.
  const friendshipChanged = new Map<string, boolean>();
  const nameOf = (sub: string) => state.friends.get(sub)?.displayName ?? loginOnly.get(sub);

  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const provider = await quietly(async () => {
    // @ts-expect-error -- oidc-provider ships no types (ProviderClass above describes the part used here)
    const { default: Provider } = (await import('oidc-provider')) as { default: ProviderClass };
    return new Provider(opts.issuer, {
      clients: [
        {
          client_id: opts.channelId,
          client_secret: opts.channelSecret,
          redirect_uris: ['http://127.0.0.1/in/callback'],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
          // LINE signs web-login ID tokens itself; ES256 with its JWKS, as for LIFF and apps.
          id_token_signed_response_alg: 'ES256',
        },
      ],
      pkce: { required: () => false },
      claims: { openid: ['sub'], profile: ['name'] },
      conformIdTokenClaims: false,
      extraParams: ['bot_prompt'],
      findAccount: (_ctx: unknown, sub: string) => {
        const name = nameOf(sub);
        if (name === undefined) return undefined;
        return { accountId: sub, claims: () => ({ sub, name }) };
      },
      interactions: { url: (_ctx: unknown, i: { uid: string }) => `${LOGIN_PREFIX}/interaction/${i.uid}` },
      features: { devInteractions: { enabled: false } },
      jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'ES256', use: 'sig' }] },
      cookies: { keys: [randomBytes(32).toString('hex')] },
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
      renderError: (ctx: { type: string; body: string }, out: { error?: string; error_description?: string }) => {
        ctx.type = 'text';
        ctx.body = `LINE Login stand-in: ${out.error ?? '?'}: ${out.error_description ?? ''}`;
      },
    });
  });
  // Any app's /in/callback: the stand-in serves whichever Kizuna the sandbox talks to (dev, each test's own port).
  provider.Client.prototype.redirectUriAllowed = (uri: string) => {
    try {
      return new URL(uri).pathname === '/in/callback';
    } catch {
      return false;
    }
  };
  const handle = provider.callback();

  return async (req, res, url) => {
    if (url.pathname !== LOGIN_PREFIX && !url.pathname.startsWith(`${LOGIN_PREFIX}/`)) return false;
    const sub = url.pathname.slice(LOGIN_PREFIX.length) || '/';
    const interaction = /^\/interaction\/([\w-]+)$/.exec(sub);
    if (interaction && req.method === 'GET') {
      const details = await provider.interactionDetails(req, res);
      sendHtml(res, consentPage(details, state));
      return true;
    }
    if (interaction && req.method === 'POST') {
      const details = await provider.interactionDetails(req, res);
      const form = new URLSearchParams(await readBody(req, 64 * 1024));
      const chosen = form.get('user') ?? '';
      const userId = USER_ID.test(chosen) ? chosen : newUserId();
      if (!state.friends.has(userId) && !loginOnly.has(userId)) loginOnly.set(userId, form.get('name')?.trim() || 'LINEユーザー');
      let changed = false;
      if (form.get('addFriend') === 'on') {
        const friend = state.friends.get(userId);
        if (!friend) {
          await phone.addFriend({ userId, displayName: loginOnly.get(userId) ?? 'LINEユーザー' });
          loginOnly.delete(userId);
          changed = true;
        } else if (friend.status === 'blocked') {
          await phone.unblock(userId);
          changed = true;
        }
      }
      const requestState = typeof details.params.state === 'string' ? details.params.state : null;
      if (requestState && details.params.bot_prompt) friendshipChanged.set(requestState, changed);
      const grant = new provider.Grant({ accountId: userId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: userId }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
      return true;
    }
    // The provider itself, mounted under the prefix (it reads the mount path from originalUrl).
    const mounted = req as IncomingMessage & { originalUrl?: string };
    mounted.originalUrl = req.url;
    req.url = `${sub}${url.search}`;
    appendFriendshipStatus(res, friendshipChanged);
    await handle(req, res);
    return true;
  };
}

// oidc-provider prints development notices (in-memory store, Node version) at import and construction; a stand-in
// that is development-only by design drops those two lines alone.
const NOTICE = /^(?:\x1b\[[\d;]*m)?oidc-provider (?:WARNING|NOTICE):/;
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const { warn, info } = console;
  const filtered =
    (log: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (typeof args[0] === 'string' && NOTICE.test(args[0])) return;
      log(...args);
    };
  console.warn = filtered(warn);
  console.info = filtered(info);
  try {
    return await fn();
  } finally {
    console.warn = warn;
    console.info = info;
  }
}

/** LINE adds `friendship_status_changed` to the callback when bot_prompt was asked for; oidc-provider does not. */
function appendFriendshipStatus(res: ServerResponse, changedByState: Map<string, boolean>): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name: string, value: number | string | readonly string[]) => {
    if (name.toLowerCase() === 'location' && typeof value === 'string') {
      try {
        const target = new URL(value);
        const st = target.searchParams.get('state');
        if (target.pathname === '/in/callback' && st !== null && changedByState.has(st) && target.searchParams.has('code')) {
          target.searchParams.set('friendship_status_changed', String(changedByState.get(st)));
          changedByState.delete(st);
          return setHeader(name, target.href);
        }
      } catch {
        /* a relative location: the provider's own pages */
      }
    }
    return setHeader(name, value);
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function consentPage(details: Interaction, state: SandboxState): string {
  const friends = [...state.friends.values()];
  const options = friends
    .map((f) => `<option value="${esc(f.userId)}">${esc(f.displayName)}${f.status === 'blocked' ? '（ブロック中）' : ''}</option>`)
    .join('');
  const botPrompt = Boolean(details.params.bot_prompt);
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>LINE Login (sandbox)</title>
<style>body{font-family:sans-serif;max-width:420px;margin:40px auto;padding:0 16px;color:#111}h1{font-size:18px}
.card{border:1px solid #ddd;border-radius:12px;padding:16px;margin:12px 0}button{background:#06c755;color:#fff;border:0;border-radius:8px;padding:12px;width:100%;font-size:16px}
label{display:block;margin:8px 0}input[type=text],select{width:100%;padding:8px;box-sizing:border-box}</style></head>
<body><h1>LINEログイン（サンドボックス）</h1>
<p>Kizuna があなたのプロフィール情報（表示名・ユーザーID）へのアクセスを求めています。</p>
<form method="post" action="${LOGIN_PREFIX}/interaction/${esc(details.uid)}">
<div class="card"><label>ログインするユーザー
<select name="user" data-testid="login-user"><option value="new">新しいユーザー</option>${options}</select></label>
<label>新しいユーザーの表示名 <input type="text" name="name" value="LINEユーザー" data-testid="login-name"></label></div>
${botPrompt ? '<div class="card"><label><input type="checkbox" name="addFriend" checked data-testid="login-add-friend"> 友だち追加</label><small>公式アカウントを友だちに追加します。</small></div>' : ''}
<button type="submit" data-testid="login-allow">許可する</button></form></body></html>`;
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}
