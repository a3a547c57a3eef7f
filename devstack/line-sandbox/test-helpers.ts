// Helpers shared by the sandbox's tests: admin calls, SDK error unpacking, a fake clock.
import { HTTPFetchError } from '@line/bot-sdk';
import { z } from 'zod';
import { SandboxActionResponse } from '../../lib/line/sandbox-admin-schema';
import type { LineSandbox } from './server';

export const TOKEN = 'test-channel-access-token';
export const SECRET = 'test-channel-secret';

export const LineErrorBody = z.object({
  message: z.string(),
  details: z.array(z.object({ message: z.string(), property: z.string() })).optional(),
  sentMessages: z.array(z.object({ id: z.string(), quoteToken: z.string().optional() })).optional(),
});

/** A clock tests move by hand, so rate limits and 24-hour keys are exact. */
export function fakeClock(start = Date.parse('2025-06-15T03:00:00Z')) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

export async function admin(sandbox: LineSandbox, method: 'GET' | 'POST', path: string, body?: unknown) {
  const res = await fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const json: unknown = await res.json();
  return { status: res.status, headers: res.headers, json };
}

export async function addFriend(sandbox: LineSandbox, displayName: string, extra: Record<string, unknown> = {}) {
  const r = await admin(sandbox, 'POST', '/friends', { displayName, ...extra });
  if (r.status !== 201) throw new Error(`addFriend failed: ${r.status} ${JSON.stringify(r.json)}`);
  const friend = SandboxActionResponse.parse(r.json).friend;
  if (!friend) throw new Error('addFriend answered without a friend');
  return friend;
}

/** Runs a call that must fail with HTTPFetchError and returns status, headers and the parsed LINE error body. */
export async function lineError(call: () => Promise<unknown>) {
  try {
    await call();
  } catch (e) {
    if (!(e instanceof HTTPFetchError)) throw e;
    const parsed: unknown = JSON.parse(e.body);
    return { status: e.status, headers: e.headers, body: LineErrorBody.parse(parsed) };
  }
  throw new Error('expected the LINE call to fail');
}
