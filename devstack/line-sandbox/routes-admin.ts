// The sandbox's own JSON API under /__sandbox/ (phone actions, inboxes, stats, faults), plus LINE's account-link dialog.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  SandboxAccountLinkBody,
  SandboxConfigBody,
  SandboxCreateFriendBody,
  SandboxFaultsBody,
  SandboxPostbackBody,
  SandboxTapBody,
  SandboxTextBody,
  type SandboxFriend,
  type SandboxWebhookResult,
} from '../../lib/line/sandbox-admin-schema';
import { couponView } from './coupons';
import { CORS_HEADERS, matchPath, parseJson, readBody, sendJson } from './http-util';
import { newUserId } from './ids';
import { PhoneError, tapUrl, type Phone } from './phone';
import { menuView, recordAreaTap } from './rich-menus';
import type { RateLimiter } from './rate-limiter';
import { NO_FAULTS, resetState, statsCounters, statsSnapshot, type Friend, type SandboxState, type WebhookDelivery } from './state';

export const ADMIN_PREFIX = '/__sandbox';
/** POST /credentials: whether LINE has revoked the channel's access token. */
const SandboxCredentialsBody = z.object({ revoked: z.boolean() });
/** Link tokens expire 10 minutes after they are issued, as LINE's do. */
const LINK_TOKEN_TTL_MS = 10 * 60 * 1000;

export type AdminDeps = { state: SandboxState; phone: Phone; limiter: RateLimiter; now: () => number };

type Answer = { status: number; body: unknown };
type Handler = (p: { params: Record<string, string>; url: URL; body: unknown; deps: AdminDeps }) => Promise<Answer> | Answer;

class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: unknown[],
  ) {
    super(message);
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw new AdminError(400, 'invalid_body', 'the request body is invalid', r.error.issues);
  return r.data;
}

export const friendView = ({ inbox, ...f }: Friend): SandboxFriend => ({ ...f, inboxCount: inbox.length });

export const webhookView = ({ body: _body, signature: _sig, ...w }: WebhookDelivery): SandboxWebhookResult => w;

const ok = (body: unknown, status = 200): Answer => ({ status, body });

const withFriend = (r: { friend: Friend; webhook: WebhookDelivery | null }): Answer =>
  ok({ friend: friendView(r.friend), webhook: r.webhook ? webhookView(r.webhook) : null });

const ROUTES: Array<{ method: string; pattern: string; handle: Handler }> = [
  { method: 'GET', pattern: '/friends', handle: ({ deps }) => ok({ friends: [...deps.state.friends.values()].map(friendView) }) },
  {
    method: 'POST',
    pattern: '/friends',
    handle: async ({ body, deps }) => {
      const { webhook, userId, ...rest } = parse(SandboxCreateFriendBody, body);
      const r = await deps.phone.addFriend({ ...rest, userId: userId ?? newUserId() }, webhook);
      return { ...withFriend(r), status: 201 };
    },
  },
  {
    method: 'GET',
    pattern: '/friends/:userId',
    handle: ({ params, deps }) => {
      const f = deps.state.friends.get(params.userId ?? '');
      if (!f) throw new AdminError(404, 'not_found:friend', `no friend ${params.userId}`);
      return ok(friendView(f));
    },
  },
  {
    method: 'GET',
    pattern: '/friends/:userId/inbox',
    handle: ({ params, deps }) => {
      const f = deps.state.friends.get(params.userId ?? '');
      if (!f) throw new AdminError(404, 'not_found:friend', `no friend ${params.userId}`);
      // A coupon message shows the coupon it names (title, reward, validity) as the phone would render it.
      const messages = f.inbox.map((e) => {
        const coupon =
          e.message.type === 'coupon' && typeof e.message.couponId === 'string' ? couponView(deps.state.coupons, e.message.couponId) : null;
        return coupon ? { ...e, coupon } : e;
      });
      return ok({ userId: f.userId, messages });
    },
  },
  {
    method: 'GET',
    pattern: '/friends/:userId/chat',
    handle: ({ params, deps }) => {
      const f = deps.state.friends.get(params.userId ?? '');
      if (!f) throw new AdminError(404, 'not_found:friend', `no friend ${params.userId}`);
      // What the friend sent and whether the bot read it (既読), and the loading animation the bot shows now.
      const messages = [...deps.state.chatReads.values()]
        .filter((r) => r.userId === f.userId)
        .map((r) => ({ messageId: r.messageId, at: new Date(r.at).toISOString(), readAt: r.readAt }));
      const until = deps.state.loading.get(f.userId);
      const loadingUntil = until !== undefined && until > deps.now() ? new Date(until).toISOString() : null;
      return ok({ userId: f.userId, messages, loadingUntil });
    },
  },
  {
    method: 'GET',
    pattern: '/friends/:userId/richmenu',
    handle: ({ params, deps }) => ok(menuView(deps.state.richMenus, params.userId ?? '', deps.now())),
  },
  {
    method: 'POST',
    pattern: '/friends/:userId/richmenu/tap',
    handle: ({ params, body, deps }) => {
      // The phone taps an area of the menu it shows (before acting on it): the insight summary counts the click.
      const { area } = parse(z.object({ area: z.number().int().min(0) }), body);
      if (!recordAreaTap(deps.state.richMenus, params.userId ?? '', area, deps.now()))
        throw new AdminError(404, 'not_found:area', `no area ${area} on the menu this friend sees`);
      return ok({});
    },
  },
  {
    method: 'POST',
    pattern: '/friends/:userId/richmenu/switch',
    handle: async ({ params, body, deps }) => {
      // A richmenuswitch tap: LINE links the alias's menu on the phone, then sends the postback with the outcome.
      const { richMenuAliasId, data } = parse(z.object({ richMenuAliasId: z.string(), data: z.string() }), body);
      const rm = deps.state.richMenus;
      const target = rm.aliases.get(richMenuAliasId);
      if (target) rm.userLinks.set(params.userId ?? '', target);
      const status = target ? 'SUCCESS' : 'RICHMENU_ALIAS_ID_NOTFOUND';
      const { webhook } = await deps.phone.postback(params.userId ?? '', data, { newRichMenuAliasId: richMenuAliasId, status });
      return ok({ webhook: webhookView(webhook) });
    },
  },
  {
    method: 'POST',
    pattern: '/friends/:userId/block',
    handle: async ({ params, deps }) => withFriend(await deps.phone.block(params.userId ?? '')),
  },
  {
    method: 'POST',
    pattern: '/friends/:userId/unblock',
    handle: async ({ params, deps }) => withFriend(await deps.phone.unblock(params.userId ?? '')),
  },
  {
    method: 'POST',
    pattern: '/friends/:userId/message',
    handle: async ({ params, body, deps }) => {
      const { webhook } = await deps.phone.sendText(params.userId ?? '', parse(SandboxTextBody, body).text);
      return ok({ webhook: webhookView(webhook) });
    },
  },
  {
    method: 'POST',
    pattern: '/friends/:userId/postback',
    handle: async ({ params, body, deps }) => {
      const { data, params: pbParams } = parse(SandboxPostbackBody, body);
      const { webhook } = await deps.phone.postback(params.userId ?? '', data, pbParams);
      return ok({ webhook: webhookView(webhook) });
    },
  },
  {
    method: 'POST',
    pattern: '/friends/:userId/account-link',
    handle: async ({ params, body, deps }) => {
      const { nonce, result } = parse(SandboxAccountLinkBody, body);
      const { webhook } = await deps.phone.accountLink(params.userId ?? '', nonce, result);
      return ok({ webhook: webhookView(webhook) });
    },
  },
  {
    method: 'POST',
    pattern: '/friends/:userId/tap',
    handle: async ({ params, body, deps }) => {
      if (!deps.state.friends.has(params.userId ?? '')) throw new AdminError(404, 'not_found:friend', `no friend ${params.userId}`);
      const { url } = parse(SandboxTapBody, body);
      try {
        return ok(await tapUrl(url));
      } catch (e) {
        throw new AdminError(502, 'tap_failed', e instanceof Error ? e.message : String(e));
      }
    },
  },
  {
    method: 'GET',
    pattern: '/stats',
    // `?perUser=false` leaves out the per-friend list (a benchmark polls this with thousands of friends).
    handle: ({ url, deps }) =>
      ok(url.searchParams.get('perUser') === 'false' ? statsCounters(deps.state, deps.now()) : statsSnapshot(deps.state, deps.now())),
  },
  {
    method: 'GET',
    pattern: '/requests',
    handle: ({ url, deps }) => {
      const limit = Number(url.searchParams.get('limit') ?? 100);
      return ok({ requests: deps.state.requests.slice(-Math.max(1, Math.min(limit, 10_000))) });
    },
  },
  {
    method: 'GET',
    pattern: '/invalid-requests',
    handle: ({ deps }) => ok({ count: deps.state.invalidRequests.length, requests: deps.state.invalidRequests }),
  },
  { method: 'GET', pattern: '/webhooks', handle: ({ deps }) => ok({ webhooks: deps.state.webhooks }) },
  {
    method: 'POST',
    pattern: '/webhooks/redeliver-last',
    handle: async ({ deps }) => ok({ webhook: webhookView((await deps.phone.redeliverLast()).webhook) }),
  },
  // The channel's access token revoked (expired, reissued) on LINE's side: every LINE call answers 401 until it is
  // restored (the token fixed). Unlike a wrong token, the refused requests are not logged as Kizuna's mistakes.
  { method: 'GET', pattern: '/credentials', handle: ({ deps }) => ok({ revoked: deps.state.config.tokenRevoked === true }) },
  {
    method: 'POST',
    pattern: '/credentials',
    handle: ({ body, deps }) => {
      const { revoked } = parse(SandboxCredentialsBody, body);
      deps.state.config.tokenRevoked = revoked;
      return ok({ revoked });
    },
  },
  { method: 'GET', pattern: '/faults', handle: ({ deps }) => ok(deps.state.faults) },
  {
    method: 'POST',
    pattern: '/faults',
    handle: ({ body, deps }) => {
      const f = parse(SandboxFaultsBody, body);
      deps.state.faults = { ...deps.state.faults, ...f };
      return ok(deps.state.faults);
    },
  },
  {
    method: 'POST',
    pattern: '/faults/reset',
    handle: ({ deps }) => {
      deps.state.faults = { ...NO_FAULTS };
      return ok(deps.state.faults);
    },
  },
  { method: 'GET', pattern: '/config', handle: ({ deps }) => ok(publicConfig(deps)) },
  {
    method: 'POST',
    pattern: '/config',
    handle: ({ body, deps }) => {
      const { pushPerSecond, multicastPerSecond, otherPerSecond, rateLimitMode, ...c } = parse(SandboxConfigBody, body);
      const cfg = deps.state.config;
      if (c.webhookUrl !== undefined) cfg.webhookUrl = c.webhookUrl;
      if (c.monthlyQuota !== undefined) cfg.monthlyQuota = c.monthlyQuota;
      if (c.acceptUnknownUsers !== undefined) cfg.acceptUnknownUsers = c.acceptUnknownUsers;
      deps.limiter.configure({ pushPerSecond, multicastPerSecond, otherPerSecond, rateLimitMode });
      return ok(publicConfig(deps));
    },
  },
  {
    method: 'POST',
    pattern: '/reset',
    handle: ({ deps }) => {
      resetState(deps.state);
      return ok({ reset: true });
    },
  },
];

/** The secrets stay out of the answer; the bot's user id is what webhooks carry as `destination`. */
const publicConfig = ({ state: { config: c }, limiter }: AdminDeps) => ({
  webhookUrl: c.webhookUrl,
  botUserId: c.botUserId,
  monthlyQuota: c.monthlyQuota,
  acceptUnknownUsers: c.acceptUnknownUsers,
  requestLogLimit: c.requestLogLimit,
  ...limiter.limits(),
});

/** LINE's account-link dialog (access.line.me/dialog/bot/accountLink): spends the link token, fires accountLink. */
async function accountLinkDialog(url: URL, deps: AdminDeps): Promise<Answer> {
  const token = url.searchParams.get('linkToken') ?? '';
  const nonce = url.searchParams.get('nonce') ?? '';
  const entry = deps.state.linkTokens.get(token);
  if (!entry || !nonce) throw new AdminError(400, 'invalid:link_token', 'unknown link token or missing nonce');
  const fresh = !entry.used && deps.now() - entry.issuedAt < LINK_TOKEN_TTL_MS;
  entry.used = true;
  const { webhook } = await deps.phone.accountLink(entry.userId, nonce, fresh ? 'ok' : 'failed');
  return ok({ userId: entry.userId, result: fresh ? 'ok' : 'failed', webhook: webhookView(webhook) });
}

/** Answers /__sandbox/* and /dialog/bot/accountLink; returns false for any other path. */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL, deps: AdminDeps): Promise<boolean> {
  const isDialog = url.pathname === '/dialog/bot/accountLink';
  if (!isDialog && url.pathname !== ADMIN_PREFIX && !url.pathname.startsWith(`${ADMIN_PREFIX}/`)) return false;
  if (req.method === 'OPTIONS') {
    res.writeHead(204, CORS_HEADERS);
    res.end();
    return true;
  }
  try {
    const raw = await readBody(req);
    const parsed = parseJson(raw.trim() === '' ? 'null' : raw);
    if (!parsed.ok) throw new AdminError(400, 'invalid_json', parsed.error);
    let answer: Answer;
    if (isDialog && req.method === 'GET') answer = await accountLinkDialog(url, deps);
    else {
      const sub = url.pathname.slice(ADMIN_PREFIX.length) || '/';
      const hit = ROUTES.flatMap((r) => {
        const params = r.method === req.method ? matchPath(r.pattern, sub) : null;
        return params ? [{ r, params }] : [];
      })[0];
      if (!hit) throw new AdminError(404, 'not_found:route', `${req.method} ${url.pathname} is not a sandbox endpoint`);
      answer = await hit.r.handle({ params: hit.params, url, body: parsed.value, deps });
    }
    sendJson(res, answer.status, answer.body, CORS_HEADERS);
  } catch (e) {
    const ae =
      e instanceof AdminError
        ? e
        : e instanceof PhoneError
          ? new AdminError(e.status, 'phone', e.message)
          : new AdminError(500, 'internal', String(e));
    const error = { code: ae.code, message: ae.message, ...(ae.issues ? { issues: ae.issues } : {}) };
    sendJson(res, ae.status, { error }, CORS_HEADERS);
  }
  return true;
}
