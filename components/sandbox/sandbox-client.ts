// Browser-side client of the LINE sandbox's admin API (/__sandbox/*, CORS open), every answer parsed with zod.
import type { z } from 'zod';
import {
  SandboxActionResponse,
  SandboxChatStateResponse,
  SandboxErrorResponse,
  SandboxFriendsResponse,
  SandboxInboxResponse,
  SandboxTapResponse,
} from '@/lib/line/sandbox-admin-schema';

export class SandboxError extends Error {}

export function createSandboxClient(baseUrl: string) {
  const root = `${baseUrl.replace(/\/$/, '')}/__sandbox`;
  async function call<T>(schema: z.ZodType<T>, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${root}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const e = SandboxErrorResponse.safeParse(json);
      throw new SandboxError(e.success ? e.data.error.message : `sandbox answered ${res.status}`);
    }
    return schema.parse(json);
  }
  const u = (userId: string) => `/friends/${encodeURIComponent(userId)}`;
  return {
    friends: () => call(SandboxFriendsResponse, '/friends'),
    addFriend: (displayName: string) => call(SandboxActionResponse, '/friends', { displayName }),
    block: (userId: string) => call(SandboxActionResponse, `${u(userId)}/block`, {}),
    unblock: (userId: string) => call(SandboxActionResponse, `${u(userId)}/unblock`, {}),
    sendText: (userId: string, text: string) => call(SandboxActionResponse, `${u(userId)}/message`, { text }),
    postback: (userId: string, data: string) => call(SandboxActionResponse, `${u(userId)}/postback`, { data }),
    tap: (userId: string, url: string) => call(SandboxTapResponse, `${u(userId)}/tap`, { url }),
    inbox: (userId: string) => call(SandboxInboxResponse, `${u(userId)}/inbox`),
    chat: (userId: string) => call(SandboxChatStateResponse, `${u(userId)}/chat`),
  };
}
export type SandboxClient = ReturnType<typeof createSandboxClient>;
