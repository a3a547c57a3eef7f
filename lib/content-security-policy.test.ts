// The CSP string: the fixed protections always there, the nonce in script-src, and dev, https and sandbox switches.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, cspSettings, newNonce, type CspSettings } from './content-security-policy';

const PROD: CspSettings = { dev: false, https: true, connect: [] };

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('always forbids framing, plugins, base and cross-site form targets', () => {
    const d = directives(contentSecurityPolicy('abc123==', PROD));
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'self'"]);
    expect(d.get('form-action')).toEqual(["'self'"]);
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
    const d = directives(contentSecurityPolicy('n0nce', { dev: true, https: false, connect: ['http://127.0.0.1:4010'] }));
    expect(d.get('script-src')).toContain("'unsafe-eval'");
    expect(d.has('upgrade-insecure-requests')).toBe(false);
    expect(d.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:4010']);
  });

  it('refuses a nonce that could break out of its source expression', () => {
    expect(() => contentSecurityPolicy("x'; script-src *", PROD)).toThrow(/base64/);
  });
});

describe('cspSettings', () => {
  const base = { NODE_ENV: 'production', APP_BASE_URL: 'https://kizuna.example.com', KIZUNA_DEV_MODE: false } as const;

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
      }),
    ).toEqual({ dev: true, https: false, connect: ['http://127.0.0.1:4010'] });
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
