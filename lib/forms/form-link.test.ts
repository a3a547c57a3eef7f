// The link a message carries to a form: the plain signed /f/{token} link, or the LIFF URL when KIZUNA_LIFF_ID is set;
// either way the same signed, expiring token, and the LIFF endpoint reads it back from what LINE hands it.
import { describe, expect, it } from 'vitest';
import { activityDeps, workerConfigFromEnv } from '@/worker/deps';
import { parseEnv } from '../env';
import { FORM_LINK_TTL_MS, formLinkUrl, formTokenFromLiff, readFormLink } from './form-link';

const secret = 'form-link-secret-form-link-secret';
const now = new Date('2026-03-01T00:00:00Z');
const friendId = '7d3f2c1a-9b8e-4c6d-a5f4-3e2d1c0b9a87';
const LIFF_ID = '1234567890-AbcdEfgh';

/** What LINE's first redirect does with a LIFF URL: the endpoint gets the URL's path and query in `liff.state`. */
function primaryRedirectQuery(liffUrl: string): Record<string, string> {
  const u = new URL(liffUrl);
  const endpoint = new URL('https://kizuna.example/f/liff');
  endpoint.searchParams.set('liff.state', `${u.pathname.replace(`/${LIFF_ID}`, '')}${u.search}`);
  return Object.fromEntries(endpoint.searchParams);
}

describe('a form link', () => {
  it('without a LIFF app is APP_BASE_URL/f/{token}, a token that opens the form until it expires', () => {
    const url = formLinkUrl(friendId, 'survey', { baseUrl: 'https://kizuna.example/', secret, now });
    const token = /^https:\/\/kizuna\.example\/f\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(url)?.[1] ?? '';
    expect(readFormLink(token, { secret, now })).toEqual({ friendId, slug: 'survey' });
    expect(readFormLink(token, { secret, now: new Date(now.getTime() + FORM_LINK_TTL_MS + 1000) })).toBeNull();
  });

  it('with a LIFF app is https://liff.line.me/{liffId}?t={token}, the same signed, expiring token', () => {
    const url = formLinkUrl(friendId, 'survey', { baseUrl: 'https://kizuna.example', secret, now, liffId: LIFF_ID });
    expect(url).toMatch(/^https:\/\/liff\.line\.me\/1234567890-AbcdEfgh\?t=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const token = new URL(url).searchParams.get('t') ?? '';
    expect(readFormLink(token, { secret, now })).toEqual({ friendId, slug: 'survey' });
    expect(readFormLink(token, { secret, now: new Date(now.getTime() + FORM_LINK_TTL_MS + 1000) })).toBeNull();
    // The LIFF endpoint finds the token on LINE's first redirect (liff.state) and after liff.init() (?t=).
    expect(formTokenFromLiff(primaryRedirectQuery(url))).toBe(token);
    expect(formTokenFromLiff({ t: token })).toBe(token);
    expect(formTokenFromLiff({})).toBeNull();
    expect(formTokenFromLiff({ 'liff.state': '/somewhere' })).toBeNull();
  });

  it('follows KIZUNA_LIFF_ID from the environment to the worker’s {{form:<slug>}} links', () => {
    const base = { APP_BASE_URL: 'https://kizuna.example', KIZUNA_SECRET: secret };
    const link = (env: Record<string, string>) =>
      activityDeps(workerConfigFromEnv(parseEnv({ ...base, ...env }), 'postgres://x'), { db: null as never }).formUrl!({
        friendId,
        slug: 'survey',
      });
    expect(link({})).toMatch(/^https:\/\/kizuna\.example\/f\//);
    expect(link({ KIZUNA_LIFF_ID: LIFF_ID })).toMatch(/^https:\/\/liff\.line\.me\/1234567890-AbcdEfgh\?t=/);
    expect(() => parseEnv({ KIZUNA_LIFF_ID: 'https://liff.line.me/1234567890-AbcdEfgh' })).toThrow(/KIZUNA_LIFF_ID: expected a LIFF ID/);
  });
});
