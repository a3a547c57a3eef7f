// LINE Messaging API endpoints Kizuna calls, served at the root with LINE's checks, status codes and error bodies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { BodyTooLarge, matchPath, parseJson, readBodyBytes, sendJson, sleep } from './http-util';
import { CHAT_ID, USER_ID, newMessageId, newRequestId, newToken } from './ids';
import type { ErrorDetail, LineValidator, MessagingSchemaName } from './openapi-validator';
import type { RateLimitedEndpoint, RateLimiter } from './rate-limiter';
import { isRetryKey, type AcceptedRequest } from './retry-keys';
import { COUPON_ROUTES, couponMessageProblems } from './coupons';
import { RICH_MENU_ROUTES } from './routes-rich-menu';
import {
  REPLY_TOKEN_TTL_MS,
  monthKey,
  recordRequest,
  usedThisMonth,
  type LineEndpoint,
  type Outcome,
  type SandboxState,
  type SentMessage,
} from './state';

export type MessagingDeps = {
  state: SandboxState;
  validator: LineValidator;
  limiter: RateLimiter;
  now: () => number;
  random: () => number;
};

export const LINE_ERRORS = {
  noAuth: "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'",
  badAuth: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
  rateLimit: 'The API rate limit has been exceeded. Try again later.',
  monthlyLimit: 'You have reached your monthly limit.',
  retryKeyAccepted: 'The retry key is already accepted',
  retryKeyInvalid: "The value for the 'X-Line-Retry-Key' header is invalid",
  retryKeyUnsupported: "The 'X-Line-Retry-Key' header is not supported by this API",
  notJson: 'The request body could not be parsed as JSON (line: -, column: -)',
  tooLarge: 'The request body exceeds the maximum size of 2 MB',
  failedToSend: 'Failed to send messages',
  invalidReplyToken: 'Invalid reply token',
  notFound: 'Not found',
  serverError: 'An internal server error occurred (injected by the LINE sandbox)',
} as const;

export type Route = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: string;
  endpoint: LineEndpoint;
  bucket: RateLimitedEndpoint;
  schema?: MessagingSchemaName;
  retryKey?: boolean;
  handle: (ctx: Ctx) => Reply;
};

export type Ctx = {
  params: Record<string, string>;
  /** The query string (the coupon list's status, start and limit). */
  query?: URLSearchParams;
  body: unknown;
  retryKey: string | undefined;
  requestId: string;
  deps: MessagingDeps;
  /** The raw body and its content type (binary uploads: rich-menu images). */
  bytes?: Buffer;
  contentType?: string;
};

export type Reply = {
  status: number;
  body: unknown;
  outcome: Outcome;
  valid?: boolean;
  problems?: ErrorDetail[];
  headers?: Record<string, string>;
  /** A send LINE accepted: the after-accept faults (drop the connection, hold the answer) may apply. */
  sendAccepted?: boolean;
};

const err = (status: number, outcome: Outcome, message: string, valid = true, problems: ErrorDetail[] = []): Reply => ({
  status,
  outcome,
  valid,
  problems,
  body: problems.length > 0 ? { message, details: problems } : { message },
});

const MessageList = z.array(z.looseObject({ type: z.string() }));
const ReplyBody = z.object({ replyToken: z.string(), messages: MessageList });
const PushBody = z.object({ to: z.string(), messages: MessageList });
const MulticastBody = z.object({ to: z.array(z.string()), messages: MessageList });
/** Message types a later message can quote (LINE returns a quoteToken for them). */
const QUOTABLE = new Set(['text', 'textV2', 'sticker', 'image', 'video']);

const invalidTo = (property: string): Reply =>
  err(400, 'invalid', `The property, '${property}', in the request body is invalid (line: -, column: -)`, false, [
    { message: 'Invalid user, group or room id', property },
  ]);

/** Quota, inbox and retry-key bookkeeping shared by push and multicast. */
function send(ctx: Ctx, endpoint: 'push' | 'multicast', to: string[], messages: SentMessage[]): Reply | AcceptedRequest {
  const { state, now } = ctx.deps;
  const t = now();
  const recipients = to.map((id) => ({ id, friend: state.friends.get(id) }));
  const billable = recipients.filter((r) => r.friend?.status === 'friend').length;
  const quota = state.config.monthlyQuota;
  const used = usedThisMonth(state, t);
  if (quota !== null && used + Math.max(billable, 1) > quota) return err(429, 'quota_exceeded', LINE_ERRORS.monthlyLimit);
  const at = new Date(t).toISOString();
  let sentMessages: AcceptedRequest['sentMessages'];
  for (const [i, r] of recipients.entries()) {
    const ids = messages.map((m) => ({ id: newMessageId(t), ...(QUOTABLE.has(m.type) ? { quoteToken: newToken(32) } : {}) }));
    if (i === 0) sentMessages = ids;
    if (!r.friend) continue; // an id LINE would accept but nobody holds: nothing arrives, nothing is billed
    if (r.friend.status === 'blocked') {
      // LINE answers 200 for a friend who blocked the account, delivers nothing and bills nothing.
      r.friend.undelivered += messages.length;
      continue;
    }
    for (const [j, message] of messages.entries()) {
      const sent = ids[j];
      if (!sent) continue;
      r.friend.inbox.push({
        messageId: sent.id,
        ...(sent.quoteToken ? { quoteToken: sent.quoteToken } : {}),
        message,
        receivedAt: at,
        endpoint,
        requestId: ctx.requestId,
        ...(ctx.retryKey ? { retryKey: ctx.retryKey } : {}),
      });
    }
  }
  // One message per recipient, however many message objects the request carries.
  state.consumption.set(monthKey(t), used + billable);
  const accepted: AcceptedRequest = { requestId: ctx.requestId, acceptedAt: t, ...(sentMessages ? { sentMessages } : {}) };
  if (ctx.retryKey) state.retryKeys.remember(ctx.retryKey, accepted);
  return accepted;
}

/** A reply: the token must be one the sandbox issued, unused and under a minute old; free of charge (not billed). */
function reply(ctx: Ctx): Reply {
  const { state, now } = ctx.deps;
  const body = ReplyBody.parse(ctx.body);
  const coupons = couponMessageProblems(state.coupons, body.messages);
  if (coupons.length > 0) return err(400, 'rejected', `The request body has ${coupons.length} error(s)`, true, coupons);
  const t = now();
  const token = state.replyTokens.get(body.replyToken);
  if (!token || token.used || t - token.issuedAt > REPLY_TOKEN_TTL_MS) return err(400, 'rejected', LINE_ERRORS.invalidReplyToken);
  token.used = true;
  const friend = state.friends.get(token.userId);
  const at = new Date(t).toISOString();
  const sentMessages = body.messages.map((m) => ({ id: newMessageId(t), ...(QUOTABLE.has(m.type) ? { quoteToken: newToken(32) } : {}) }));
  if (friend?.status === 'friend') {
    for (const [j, message] of body.messages.entries()) {
      const sent = sentMessages[j];
      if (sent)
        friend.inbox.push({
          messageId: sent.id,
          ...(sent.quoteToken ? { quoteToken: sent.quoteToken } : {}),
          message,
          receivedAt: at,
          endpoint: 'reply',
          requestId: ctx.requestId,
        });
    }
  }
  return { status: 200, outcome: 'accepted', body: { sentMessages }, sendAccepted: true };
}

function pushOrMulticast(ctx: Ctx, kind: 'push' | 'multicast'): Reply {
  const { state } = ctx.deps;
  let to: string[];
  let messages: SentMessage[];
  if (kind === 'push') {
    const body = PushBody.parse(ctx.body);
    if (!CHAT_ID.test(body.to)) return invalidTo('to');
    if (!state.friends.has(body.to) && !state.config.acceptUnknownUsers) return err(400, 'rejected', LINE_ERRORS.failedToSend);
    to = [body.to];
    messages = body.messages;
  } else {
    const body = MulticastBody.parse(ctx.body);
    const bad = body.to.findIndex((id) => !USER_ID.test(id));
    if (bad >= 0) return invalidTo(`to[${bad}]`);
    to = body.to;
    messages = body.messages;
  }
  // A coupon message must name a running coupon: LINE refuses a closed or unknown one (the schema cannot tell).
  const coupons = couponMessageProblems(state.coupons, messages);
  if (coupons.length > 0) return err(400, 'rejected', `The request body has ${coupons.length} error(s)`, true, coupons);
  if (ctx.retryKey) {
    const prior = state.retryKeys.get(ctx.retryKey);
    if (prior) {
      return {
        status: 409,
        outcome: 'conflict',
        body: { message: LINE_ERRORS.retryKeyAccepted, ...(prior.sentMessages ? { sentMessages: prior.sentMessages } : {}) },
        headers: { 'x-line-accepted-request-id': prior.requestId },
      };
    }
  }
  const result = send(ctx, kind, to, messages);
  if ('status' in result) return result;
  const body = kind === 'push' ? { sentMessages: result.sentMessages ?? [] } : {};
  return { status: 200, outcome: 'accepted', body, sendAccepted: true };
}

const ROUTES: Route[] = [
  {
    method: 'POST',
    pattern: '/v2/bot/message/reply',
    endpoint: 'reply',
    bucket: 'other',
    schema: 'ReplyMessageRequest',
    handle: reply,
  },
  {
    method: 'POST',
    pattern: '/v2/bot/message/push',
    endpoint: 'push',
    bucket: 'push',
    schema: 'PushMessageRequest',
    retryKey: true,
    handle: (c) => pushOrMulticast(c, 'push'),
  },
  {
    method: 'POST',
    pattern: '/v2/bot/message/multicast',
    endpoint: 'multicast',
    bucket: 'multicast',
    schema: 'MulticastRequest',
    retryKey: true,
    handle: (c) => pushOrMulticast(c, 'multicast'),
  },
  {
    method: 'POST',
    pattern: '/v2/bot/message/validate/push',
    endpoint: 'validate/push',
    bucket: 'other',
    schema: 'ValidateMessageRequest',
    handle: () => ({ status: 200, outcome: 'accepted', body: {} }),
  },
  {
    method: 'POST',
    pattern: '/v2/bot/message/validate/multicast',
    endpoint: 'validate/multicast',
    bucket: 'other',
    schema: 'ValidateMessageRequest',
    handle: () => ({ status: 200, outcome: 'accepted', body: {} }),
  },
  {
    method: 'GET',
    pattern: '/v2/bot/profile/:userId',
    endpoint: 'profile',
    bucket: 'other',
    handle: ({ params, deps }) => {
      const f = deps.state.friends.get(params.userId ?? '');
      // LINE hides the profile of users who are not (or no longer) friends.
      if (!f || f.status !== 'friend') return err(404, 'not_found', LINE_ERRORS.notFound);
      const { displayName, userId, pictureUrl, statusMessage, language } = f;
      return { status: 200, outcome: 'accepted', body: { displayName, userId, pictureUrl, statusMessage, language } };
    },
  },
  {
    method: 'GET',
    pattern: '/v2/bot/message/quota',
    endpoint: 'quota',
    bucket: 'other',
    handle: ({ deps }) => {
      const q = deps.state.config.monthlyQuota;
      return { status: 200, outcome: 'accepted', body: q === null ? { type: 'none' } : { type: 'limited', value: q } };
    },
  },
  {
    method: 'GET',
    pattern: '/v2/bot/message/quota/consumption',
    endpoint: 'quota/consumption',
    bucket: 'other',
    handle: ({ deps }) => ({ status: 200, outcome: 'accepted', body: { totalUsage: usedThisMonth(deps.state, deps.now()) } }),
  },
  {
    method: 'GET',
    pattern: '/v2/bot/info',
    endpoint: 'botInfo',
    bucket: 'other',
    handle: ({ deps }) => ({
      status: 200,
      outcome: 'accepted',
      body: {
        userId: deps.state.config.botUserId,
        basicId: '@kizuna-sandbox',
        displayName: 'Kizuna sandbox',
        chatMode: 'bot',
        markAsReadMode: 'auto',
      },
    }),
  },
  {
    method: 'POST',
    pattern: '/v2/bot/user/:userId/linkToken',
    endpoint: 'linkToken',
    bucket: 'other',
    handle: ({ params, deps }) => {
      const userId = params.userId ?? '';
      const f = deps.state.friends.get(userId);
      if (!f || f.status !== 'friend') return err(400, 'rejected', 'Failed to issue link token');
      const linkToken = newToken(24);
      deps.state.linkTokens.set(linkToken, { userId, issuedAt: deps.now(), used: false });
      return { status: 200, outcome: 'accepted', body: { linkToken } };
    },
  },
  {
    method: 'POST',
    pattern: '/v2/bot/chat/markAsRead',
    endpoint: 'markAsRead',
    bucket: 'other',
    schema: 'MarkMessagesAsReadByTokenRequest',
    handle: ({ body, deps }) => markAsRead(deps, MarkAsReadBody.parse(body).markAsReadToken),
  },
  {
    method: 'POST',
    pattern: '/v2/bot/chat/loading/start',
    endpoint: 'loading',
    bucket: 'other',
    schema: 'ShowLoadingAnimationRequest',
    handle: ({ body, deps }) => {
      const { chatId, loadingSeconds = 20 } = LoadingBody.parse(body);
      // LINE takes multiples of 5 only (the schema checks 5–60).
      if (loadingSeconds % 5 !== 0) {
        return err(400, 'invalid', 'The loadingSeconds value is invalid', false, [
          { message: 'must be a multiple of 5', property: 'loadingSeconds' },
        ]);
      }
      const f = deps.state.friends.get(chatId);
      // Only a 1:1 chat with a friend can show it (LINE answers 400 for an invalid chat id).
      if (!f || f.status !== 'friend') return err(400, 'rejected', 'An invalid chat ID is specified');
      deps.state.loading.set(chatId, deps.now() + loadingSeconds * 1000);
      return { status: 202, outcome: 'accepted', body: {} };
    },
  },
  ...RICH_MENU_ROUTES,
  ...COUPON_ROUTES,
];

const MarkAsReadBody = z.object({ markAsReadToken: z.string() });
const LoadingBody = z.object({ chatId: z.string(), loadingSeconds: z.number().int().optional() });

/** LINE marks the token's message and every earlier message of that chat read; an unknown token is refused. */
function markAsRead(deps: MessagingDeps, token: string): Reply {
  const read = deps.state.chatReads.get(token);
  if (!read) {
    return err(400, 'rejected', 'An invalid markAsReadToken is specified. Tokens must be used by the bot that received them via Webhook.');
  }
  const at = new Date(deps.now()).toISOString();
  for (const r of deps.state.chatReads.values()) {
    if (r.userId === read.userId && r.at <= read.at && r.readAt === null) r.readAt = at;
  }
  return { status: 200, outcome: 'accepted', body: {} };
}

export const isLinePath = (pathname: string): boolean => pathname.startsWith('/v2/') || pathname.startsWith('/v3/');

async function decide(req: IncomingMessage, route: Route, ctx: Ctx, rawBody: string): Promise<Reply> {
  const { state, limiter, random } = ctx.deps;
  const auth = req.headers.authorization;
  if (!auth || !/^Bearer \S+$/.test(auth)) return err(401, 'unauthorized', LINE_ERRORS.noAuth, false);
  const token = state.config.channelAccessToken;
  if (token !== null && auth !== `Bearer ${token}`) return err(401, 'unauthorized', LINE_ERRORS.badAuth, false);
  // The right token, revoked on LINE's side since: refused, but no mistake of the caller's.
  if (state.config.tokenRevoked) return err(401, 'unauthorized', LINE_ERRORS.badAuth);
  if (!limiter.tryTake(route.bucket)) return err(429, 'rate_limited', LINE_ERRORS.rateLimit);
  const faults = state.faults;
  if (faults.latencyMs > 0) await sleep(faults.latencyMs);
  if (faults.failNext > 0) {
    faults.failNext -= 1;
    return err(500, 'server_error', LINE_ERRORS.serverError);
  }
  if (faults.errorRate > 0 && random() < faults.errorRate) return err(500, 'server_error', LINE_ERRORS.serverError);
  if (ctx.retryKey !== undefined) {
    if (!route.retryKey) return err(400, 'invalid', LINE_ERRORS.retryKeyUnsupported, false);
    if (!isRetryKey(ctx.retryKey)) return err(400, 'invalid', LINE_ERRORS.retryKeyInvalid, false);
  }
  if (route.schema) {
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) return err(415, 'invalid', `The content type, '${type}', is not supported`, false);
    const parsed = parseJson(rawBody);
    if (!parsed.ok) return err(400, 'invalid', LINE_ERRORS.notJson, false);
    ctx.body = parsed.value;
    const problems = ctx.deps.validator.messaging(route.schema, parsed.value);
    if (problems.length > 0) return err(400, 'invalid', `The request body has ${problems.length} error(s)`, false, problems);
  }
  return route.handle(ctx);
}

/** Answers a LINE API path; returns false when the path is not one of LINE's. */
export async function handleMessaging(req: IncomingMessage, res: ServerResponse, url: URL, deps: MessagingDeps): Promise<boolean> {
  if (!isLinePath(url.pathname)) return false;
  const requestId = newRequestId();
  const retryHeader = req.headers['x-line-retry-key'];
  const retryKey = Array.isArray(retryHeader) ? retryHeader[0] : retryHeader;
  const route = ROUTES.find((r) => r.method === req.method && matchPath(r.pattern, url.pathname));
  const ctx: Ctx = {
    params: route ? (matchPath(route.pattern, url.pathname) ?? {}) : {},
    query: url.searchParams,
    body: undefined,
    retryKey,
    requestId,
    deps,
  };
  let reply: Reply;
  // The log's time is the rate limiter's: taken once the body is in, as the limiter decides (latency faults come after).
  let at = deps.now();
  try {
    const bytes = await readBodyBytes(req);
    const raw = bytes.toString('utf8');
    ctx.bytes = bytes;
    ctx.contentType = req.headers['content-type'] ?? '';
    at = deps.now();
    reply = route
      ? await decide(req, route, ctx, raw)
      : err(404, 'not_found', LINE_ERRORS.notFound, false, [{ message: 'Not implemented by the LINE sandbox', property: url.pathname }]);
  } catch (e) {
    if (!(e instanceof BodyTooLarge)) throw e;
    reply = err(413, 'invalid', LINE_ERRORS.tooLarge, false);
  }
  const { dropAfterAcceptRate, holdAfterAcceptMs } = deps.state.faults;
  const accepted = reply.sendAccepted === true;
  const drop = accepted && dropAfterAcceptRate > 0 && deps.random() < dropAfterAcceptRate;
  recordRequest(deps.state, {
    at: new Date(at).toISOString(),
    method: req.method ?? 'GET',
    path: url.pathname,
    endpoint: route?.endpoint ?? 'unknown',
    status: drop ? 0 : reply.status,
    outcome: drop ? 'dropped' : reply.outcome,
    valid: reply.valid ?? true,
    problems: reply.problems ?? [],
    requestId,
    ...(retryKey !== undefined ? { retryKey } : {}),
    ...(ctx.body !== undefined ? { body: ctx.body } : {}),
  });
  if (drop) {
    // The message is in the inbox and the retry key is spent; the client only sees a dead connection.
    req.socket.destroy();
    return true;
  }
  // Accepted, recorded and in the inbox, yet the caller hears nothing until the hold ends: the window in which a
  // worker can die after LINE took the message. A caller that goes away ends the hold (nothing left to answer).
  if (accepted && holdAfterAcceptMs > 0 && (await holdAnswer(res, holdAfterAcceptMs)) === 'caller_gone') return true;
  sendJson(res, reply.status, reply.body, { 'x-line-request-id': requestId, ...reply.headers });
  return true;
}

/** Waits `ms` before answering; resolves early with 'caller_gone' when the connection closes first. */
function holdAnswer(res: ServerResponse, ms: number): Promise<'elapsed' | 'caller_gone'> {
  return new Promise((resolve) => {
    if (!res.socket || res.socket.destroyed) return resolve('caller_gone');
    const finish = (why: 'elapsed' | 'caller_gone') => {
      clearTimeout(timer);
      res.off('close', onClose);
      resolve(why);
    };
    const onClose = () => finish('caller_gone');
    const timer = setTimeout(() => finish('elapsed'), ms);
    res.on('close', onClose);
  });
}
