// How /link proves the member, from the configuration: the shop's login, the dev-only typed id, or nothing (404).
import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../env';
import { linkMode } from './link-mode';

const SHOP = { KIZUNA_SHOP_LINK_URL: 'https://shop.example.com/line-link', KIZUNA_SHOP_LINK_SECRET: 's'.repeat(32) };
const PRODUCTION = {
  KIZUNA_ENV: 'production',
  APP_BASE_URL: 'https://kizuna.example.com',
  LINE_CHANNEL_ACCESS_TOKEN: 'prod-token',
  LINE_CHANNEL_SECRET: 'prod-channel-secret',
  KIZUNA_SECRET: 'prod-secret-0123456789abcdef',
  LINE_LOGIN_CHANNEL_ID: '2000000042',
  LINE_LOGIN_CHANNEL_SECRET: 'prod-login-secret',
  KIZUNA_PAYLOAD_KEYS: `prod:${Buffer.alloc(32, 7).toString('base64')}`,
};

function problems(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('linkMode', () => {
  it('is the typed form in development, nothing in production, the shop whenever one is configured', () => {
    expect(linkMode(parseEnv({}))).toEqual({ kind: 'typed' });
    expect(linkMode(parseEnv(PRODUCTION))).toEqual({ kind: 'off' });
    const { KIZUNA_ENV: _unset, ...underNextStart } = PRODUCTION;
    expect(linkMode(parseEnv({ ...underNextStart, NODE_ENV: 'production' }))).toEqual({ kind: 'off' });
    expect(linkMode(parseEnv({ ...PRODUCTION, KIZUNA_ENV: 'development' }))).toEqual({ kind: 'typed' });
    const shop = { kind: 'shop', shop: { url: SHOP.KIZUNA_SHOP_LINK_URL, secret: SHOP.KIZUNA_SHOP_LINK_SECRET } };
    expect(linkMode(parseEnv({ ...PRODUCTION, ...SHOP }))).toEqual(shop);
    expect(linkMode(parseEnv(SHOP))).toEqual(shop);
  });
});

describe('KIZUNA_SHOP_LINK_URL and KIZUNA_SHOP_LINK_SECRET', () => {
  it('refuses a short secret, naming the variable and never the value', () => {
    const found = problems({ ...SHOP, KIZUNA_SHOP_LINK_SECRET: 'short-secret' });
    expect(found).toEqual(['KIZUNA_SHOP_LINK_SECRET: expected at least 32 characters']);
    expect(found.join()).not.toContain('short-secret');
  });

  it('wants both or neither, and an http(s) URL', () => {
    expect(problems({ KIZUNA_SHOP_LINK_URL: SHOP.KIZUNA_SHOP_LINK_URL })[0]).toMatch(
      /^KIZUNA_SHOP_LINK_URL, KIZUNA_SHOP_LINK_SECRET: set both/,
    );
    expect(problems({ KIZUNA_SHOP_LINK_SECRET: SHOP.KIZUNA_SHOP_LINK_SECRET })[0]).toMatch(/set both/);
    expect(problems({ ...SHOP, KIZUNA_SHOP_LINK_URL: 'javascript:alert(1)' })[0]).toMatch(/^KIZUNA_SHOP_LINK_URL: /);
  });

  it('in production: an https login, and a key of its own (not KIZUNA_SECRET, which the shop must never hold)', () => {
    expect(problems({ ...PRODUCTION, ...SHOP, KIZUNA_SHOP_LINK_URL: 'http://shop.example.com/login' })).toEqual([
      'KIZUNA_SHOP_LINK_URL: must be an https:// URL in production (the member signs in there)',
    ]);
    const same = 'x'.repeat(40);
    expect(problems({ ...PRODUCTION, ...SHOP, KIZUNA_SECRET: same, KIZUNA_SHOP_LINK_SECRET: same })).toEqual([
      'KIZUNA_SHOP_LINK_SECRET: must not be KIZUNA_SECRET (the shop holds it)',
    ]);
  });
});
