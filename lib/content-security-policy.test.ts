// The CSP string: the fixed protections always there, the nonce in script-src, and dev, https and sandbox switches.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, cspSettings, newNonce, type CspSettings } from './content-security-policy';

const LINE_DIALOG = 'https://access.line.me';
const PROD: CspSettings = { dev: false, https: true, connect: [], formAction: [LINE_DIALOG] };

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it("always forbids framing, plugins, base and form targets other than us and LINE's account-link dialog", () => {
    const d = directives(contentSecurityPolicy('abc123==', PROD));
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'self'"]);
    expect(d.get('form-action')).toEqual(["'self'", LINE_DIALOG]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https:']);
  });

  it('lets scripts run only with the nonce (no inline, no eval) in production, and upgrades http over https', () => {
    const d = directives(contentSecurityPolicy('abc123==', PROD));
    expect(d.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.has('upgrade-insecure-requests')).toBe(true);
  });

  it("adds 'unsafe-eval' for next dev, no upgrade over http, and the sandbox origin to connect-src", () => {
    const d = directives(
      contentSecurityPolicy('n0nce', {
        dev: true,
        https: false,
        connect: ['http://127.0.0.1:4010'],
        formAction: ['http://127.0.0.1:4010'],
      }),
    );
    expect(d.get('script-src')).toContain("'unsafe-eval'");
    expect(d.has('upgrade-insecure-requests')).toBe(false);
    expect(d.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:4010']);
  });

  it('refuses a nonce that could break out of its source expression', () => {
    expect(() => contentSecurityPolicy("x'; script-src *", PROD)).toThrow(/base64/);
  });
});

describe('cspSettings', () => {
  const base = {
    NODE_ENV: 'production',
    APP_BASE_URL: 'https://kizuna.example.com',
    KIZUNA_DEV_MODE: false,
    LINE_API_BASE_URL: 'https://api.line.me',
  } as const;

  it('reads production from the environment: no eval, https, nothing else to connect to', () => {
    expect(cspSettings({ ...base, LINE_SANDBOX_URL: 'http://127.0.0.1:4010/' })).toEqual(PROD);
  });

  it('opens the sandbox origin only in dev mode', () => {
    expect(
      cspSettings({
        NODE_ENV: 'development',
        APP_BASE_URL: 'http://localhost:3000',
        KIZUNA_DEV_MODE: true,
        LINE_SANDBOX_URL: 'http://127.0.0.1:4010/x',
        LINE_API_BASE_URL: 'http://127.0.0.1:4010',
      }),
    ).toEqual({ dev: true, https: false, connect: ['http://127.0.0.1:4010'], formAction: ['http://127.0.0.1:4010'] });
  });

  // Chrome applies form-action to the redirect that answers a form post: the /link form without JavaScript posts to
  // us and is redirected to LINE's dialog, which must be allowed wherever the dialog lives.
  it("lets a form post end at LINE's account-link dialog: access.line.me, an override, or the stand-in's", () => {
    expect(cspSettings(base).formAction).toEqual(['https://access.line.me']);
    expect(
      cspSettings({ ...base, LINE_ACCOUNT_LINK_DIALOG_URL: 'https://dialog.example.com:8443/dialog/bot/accountLink' }).formAction,
    ).toEqual(['https://dialog.example.com:8443']);
    expect(cspSettings({ ...base, LINE_API_BASE_URL: 'http://127.0.0.1:3100' }).formAction).toEqual(['http://127.0.0.1:3100']);
    const d = directives(contentSecurityPolicy('abc123==', cspSettings(base)));
    expect(d.get('form-action')).toEqual(["'self'", 'https://access.line.me']);
  });
});

describe('newNonce', () => {
  it('is base64 of 16 random bytes, different each time', () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
    expect(() => contentSecurityPolicy(a, PROD)).not.toThrow();
  });
});
