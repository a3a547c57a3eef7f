// The sandbox's in-memory world: friends and inboxes, request log, stats, faults, retry keys, quota, webhooks.
import type { ErrorDetail } from './openapi-validator';
import { createCouponState, type CouponState } from './coupons';
import { createRetryKeyStore, type RetryKeyStore } from './retry-keys';
import { createRichMenuState, resetRichMenuState, type RichMenuState } from './rich-menus';
import type { WebhookEvent } from './webhook-events';

export type SentMessage = { type: string; [key: string]: unknown };

export type InboxEntry = {
  messageId: string;
  quoteToken?: string;
  message: SentMessage;
  receivedAt: string;
  endpoint: 'push' | 'multicast' | 'reply';
  requestId: string;
  retryKey?: string;
};

export type Friend = {
  userId: string;
  displayName: string;
  pictureUrl?: string;
  statusMessage?: string;
  language?: string;
  status: 'friend' | 'blocked';
  addedAt: string;
  blockedAt?: string;
  inbox: InboxEntry[];
  /** Messages the account sent while the friend had it blocked: accepted by the API, never shown, not billed. */
  undelivered: number;
};

export type LineEndpoint =
  | 'push'
  | 'reply'
  | 'multicast'
  | 'validate/push'
  | 'validate/multicast'
  | 'profile'
  | 'quota'
  | 'quota/consumption'
  | 'linkToken'
  | 'botInfo'
  | 'markAsRead'
  | 'loading'
  | 'richmenu'
  | 'richmenu/content'
  | 'richmenu/alias'
  | 'richmenu/default'
  | 'richmenu/user'
  | 'insight/richmenu'
  | 'coupon'
  | 'unknown';

export const OUTCOMES = [
  'accepted',
  'invalid',
  'unauthorized',
  'conflict',
  'rate_limited',
  'quota_exceeded',
  'server_error',
  'dropped',
  'not_found',
  'rejected',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type RequestRecord = {
  seq: number;
  at: string;
  method: string;
  path: string;
  endpoint: LineEndpoint;
  status: number;
  outcome: Outcome;
  /** False when the request broke LINE's contract: schema, JSON, headers or credentials. */
  valid: boolean;
  problems: ErrorDetail[];
  requestId?: string;
  retryKey?: string;
  body?: unknown;
};

export type EndpointStats = Record<Outcome, number> & { requests: number };

export type Faults = {
  errorRate: number;
  latencyMs: number;
  dropAfterAcceptRate: number;
  /** Accepted sends answer only after this many ms (or never, if the caller goes away first). */
  holdAfterAcceptMs: number;
  failNext: number;
};

export type WebhookDelivery = {
  seq: number;
  at: string;
  url: string | null;
  events: WebhookEvent[];
  /** The exact bytes sent, and their x-line-signature. */
  body: string;
  signature: string;
  isRedelivery: boolean;
  status: number | null;
  durationMs: number;
  error?: string;
};

export type LinkToken = { userId: string; issuedAt: number; used: boolean };

/** A reply token the sandbox put in a webhook event: single use, valid for REPLY_TOKEN_TTL_MS after the event. */
export type ReplyTokenRecord = { userId: string; issuedAt: number; used: boolean };
/** LINE lets a reply token be used about a minute after the event. */
export const REPLY_TOKEN_TTL_MS = 60_000;

/** A text the friend sent, by its markAsReadToken: read once the bot calls POST /v2/bot/chat/markAsRead with it (or a later one). */
export type ChatRead = { userId: string; messageId: string; at: number; readAt: string | null };

export type SandboxConfig = {
  webhookUrl: string | null;
  channelSecret: string;
  channelAccessToken: string | null;
  /** LINE revoked the access token (POST /__sandbox/credentials): every LINE call answers 401 until restored. */
  tokenRevoked?: boolean;
  botUserId: string;
  monthlyQuota: number | null;
  acceptUnknownUsers: boolean;
  requestLogLimit: number;
};

export type SandboxState = {
  config: SandboxConfig;
  friends: Map<string, Friend>;
  requests: RequestRecord[];
  invalidRequests: RequestRecord[];
  requestSeq: number;
  stats: Map<LineEndpoint, EndpointStats>;
  /** Messages billed per month (key `YYYY-MM` in Japan time): one per recipient that received the request. */
  consumption: Map<string, number>;
  faults: Faults;
  retryKeys: RetryKeyStore;
  webhooks: WebhookDelivery[];
  linkTokens: Map<string, LinkToken>;
  /** Reply tokens issued with webhook events (POST /v2/bot/message/reply checks and spends them). */
  replyTokens: Map<string, ReplyTokenRecord>;
  /** The friends' messages by markAsReadToken, and whether the bot has marked them read (the phone shows 既読). */
  chatReads: Map<string, ChatRead>;
  /** The loading animation the bot started per user (POST /v2/bot/chat/loading/start): shown until this instant. */
  loading: Map<string, number>;
  /** Rich menus, their images and aliases, the default menu and per-user links. */
  richMenus: RichMenuState;
  /** Coupons made through the Coupon API, with their status. */
  coupons: CouponState;
};

export const NO_FAULTS: Faults = { errorRate: 0, latencyMs: 0, dropAfterAcceptRate: 0, holdAfterAcceptMs: 0, failNext: 0 };

export function createState(config: SandboxConfig, now: () => number): SandboxState {
  return {
    config,
    friends: new Map(),
    requests: [],
    invalidRequests: [],
    requestSeq: 0,
    stats: new Map(),
    consumption: new Map(),
    faults: { ...NO_FAULTS },
    retryKeys: createRetryKeyStore(now),
    webhooks: [],
    linkTokens: new Map(),
    replyTokens: new Map(),
    chatReads: new Map(),
    loading: new Map(),
    richMenus: createRichMenuState(),
    coupons: createCouponState(),
  };
}

/** Forgets everything but the configuration. */
export function resetState(state: SandboxState): void {
  state.friends.clear();
  state.requests.length = 0;
  state.invalidRequests.length = 0;
  state.stats.clear();
  state.consumption.clear();
  state.faults = { ...NO_FAULTS };
  state.retryKeys.clear();
  state.webhooks.length = 0;
  state.linkTokens.clear();
  state.replyTokens.clear();
  state.chatReads.clear();
  state.loading.clear();
  resetRichMenuState(state.richMenus);
  state.coupons.coupons.clear();
}

/** LINE bills by calendar month in Japan time. */
export const monthKey = (epochMs: number): string => new Date(epochMs + 9 * 3600_000).toISOString().slice(0, 7);

export function usedThisMonth(state: SandboxState, epochMs: number): number {
  return state.consumption.get(monthKey(epochMs)) ?? 0;
}

export function recordRequest(state: SandboxState, rec: Omit<RequestRecord, 'seq'>): RequestRecord {
  const full: RequestRecord = { seq: ++state.requestSeq, ...rec };
  const limit = state.config.requestLogLimit;
  state.requests.push(full);
  if (state.requests.length > limit) state.requests.splice(0, state.requests.length - limit);
  if (!full.valid) {
    state.invalidRequests.push(full);
    if (state.invalidRequests.length > limit) state.invalidRequests.splice(0, state.invalidRequests.length - limit);
  }
  const s = state.stats.get(rec.endpoint) ?? emptyEndpointStats();
  s.requests += 1;
  s[rec.outcome] += 1;
  state.stats.set(rec.endpoint, s);
  return full;
}

export function emptyEndpointStats(): EndpointStats {
  return {
    requests: 0,
    accepted: 0,
    invalid: 0,
    unauthorized: 0,
    conflict: 0,
    rate_limited: 0,
    quota_exceeded: 0,
    server_error: 0,
    dropped: 0,
    not_found: 0,
    rejected: 0,
  };
}

/** The sandbox's counters without the per-friend list: cheap enough to poll often with a large audience. */
export function statsCounters(state: SandboxState, now: number) {
  const endpoints = Object.fromEntries(state.stats);
  const totals = emptyEndpointStats();
  for (const s of state.stats.values()) {
    totals.requests += s.requests;
    for (const k of OUTCOMES) totals[k] += s[k];
  }
  let delivered = 0;
  let undelivered = 0;
  for (const f of state.friends.values()) {
    delivered += f.inbox.length;
    undelivered += f.undelivered;
  }
  return {
    endpoints,
    totals: {
      ...totals,
      status409: totals.conflict,
      status429: totals.rate_limited + totals.quota_exceeded,
      status5xx: totals.server_error,
    },
    messages: { delivered, undeliveredToBlocked: undelivered, billedThisMonth: usedThisMonth(state, now) },
    /** Sends LINE accepted by API: replies (free, with a webhook's reply token) against pushes (billed). */
    sends: { reply: state.stats.get('reply')?.accepted ?? 0, push: state.stats.get('push')?.accepted ?? 0 },
    invalidRequests: state.invalidRequests.length,
    webhooks: state.webhooks.length,
  };
}

/** GET /__sandbox/stats: the counters plus each friend's delivered / undelivered counts and status. */
export function statsSnapshot(state: SandboxState, now: number) {
  const perUser: Record<string, { delivered: number; undelivered: number; status: Friend['status'] }> = {};
  for (const f of state.friends.values()) perUser[f.userId] = { delivered: f.inbox.length, undelivered: f.undelivered, status: f.status };
  return { ...statsCounters(state, now), perUser };
}
