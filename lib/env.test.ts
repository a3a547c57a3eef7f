import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_DEFAULTS, lineLoginConfig, parseEnv, payloadKeys } from './env';
import { DEV_PAYLOAD_KEYS } from './temporal/payload-keys';

const PROD_KEY = Buffer.alloc(32, 7).toString('base64');
const OLD_KEY = Buffer.alloc(32, 9).toString('base64');

describe('parseEnv', () => {
  it('fills defaults for a newcomer', () => {
    const env = parseEnv({});
    expect(env.TEMPORAL_NAMESPACE).toBe('default');
    expect(env.TEMPORAL_TASK_QUEUE).toBe('kizuna');
    expect(env.LINE_SEND_RATE_PER_SECOND).toBe(1500);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('names the variable and what was expected', () => {
    expect(() => parseEnv({ TEMPORAL_ADDRESS: 'nonsense', LINE_SEND_RATE_PER_SECOND: '-3' })).toThrowError(ConfigError);
    try {
      parseEnv({ TEMPORAL_ADDRESS: 'nonsense', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('TEMPORAL_ADDRESS: expected host:port');
      expect(msg).toContain('DATABASE_URL: expected a postgres:// connection string');
    }
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ TEMPORAL_ADDRESS: '' }).TEMPORAL_ADDRESS).toBeUndefined();
  });

  it('never prints a value, only the variable and the rule', () => {
    const secret = 'postgres://kizuna:hunter2-very-secret@db/kizuna';
    const msg = messageOf(() => parseEnv({ DATABASE_URL: secret.replace('postgres', 'mysql'), KIZUNA_SECRET: 'short-secret' }));
    expect(msg).toContain('DATABASE_URL');
    expect(msg).toContain('KIZUNA_SECRET: expected at least 16 characters');
    expect(msg).not.toContain('hunter2');
    expect(msg).not.toContain('short-secret');
  });

  const production = {
    KIZUNA_ENV: 'production',
    LINE_CHANNEL_SECRET: 'a-real-channel-secret',
    LINE_CHANNEL_ACCESS_TOKEN: 'a-real-access-token',
    KIZUNA_SECRET: 'a-real-kizuna-secret-0123456789',
    LINE_LOGIN_CHANNEL_ID: '2000000042',
    LINE_LOGIN_CHANNEL_SECRET: 'a-real-login-secret',
    APP_BASE_URL: 'https://kizuna.example.com',
    KIZUNA_PAYLOAD_KEYS: `prod-2:${PROD_KEY}`,
  };

  it('accepts a production environment with its own secrets', () => {
    expect(parseEnv(production).KIZUNA_ENV).toBe('production');
  });

  it.each([
    ['LINE_CHANNEL_SECRET', { LINE_CHANNEL_SECRET: undefined }],
    ['LINE_CHANNEL_SECRET', { LINE_CHANNEL_SECRET: 'kizuna-dev-secret' }],
    ['LINE_CHANNEL_ACCESS_TOKEN', { LINE_CHANNEL_ACCESS_TOKEN: undefined }],
    ['KIZUNA_SECRET', { KIZUNA_SECRET: undefined }],
    ['LINE_LOGIN_CHANNEL_SECRET', { LINE_LOGIN_CHANNEL_SECRET: undefined }],
    ['LINE_LOGIN_CHANNEL_ID', { LINE_LOGIN_CHANNEL_ID: undefined }],
    ['LINE_LOGIN_CHANNEL_SECRET', { LINE_LOGIN_CHANNEL_SECRET: 'kizuna-dev-login-secret' }],
    ['APP_BASE_URL', { APP_BASE_URL: 'http://kizuna.example.com' }],
    ['KIZUNA_DEV_MODE', { KIZUNA_DEV_MODE: 'true' }],
    ['KIZUNA_PAYLOAD_KEYS', { KIZUNA_PAYLOAD_KEYS: undefined }],
    ['KIZUNA_PAYLOAD_KEYS', { KIZUNA_PAYLOAD_KEYS: `prod-2:${PROD_KEY},${DEV_PAYLOAD_KEYS}` }],
    ['KIZUNA_PAYLOAD_KEYS', { KIZUNA_PAYLOAD_KEYS: `prod-2:${PROD_KEY},old:${DEV_PAYLOAD_KEYS.split(':')[1]}` }],
  ])('refuses %s in production, naming it without its value', (name, change) => {
    const msg = messageOf(() => parseEnv({ ...production, ...change }));
    expect(msg).toContain(`${name}:`);
    for (const v of Object.values(production)) if (v !== 'production' && !v.startsWith('https')) expect(msg).not.toContain(v);
  });

  it('LINE Login is optional in production: without its channel inflow routes are off; development falls back to the dev channel', () => {
    const without = parseEnv({ ...production, LINE_LOGIN_CHANNEL_ID: undefined, LINE_LOGIN_CHANNEL_SECRET: undefined });
    expect(lineLoginConfig(without)).toBeNull();
    expect(lineLoginConfig(parseEnv(production))).toEqual({
      issuer: 'https://access.line.me',
      channelId: '2000000042',
      channelSecret: 'a-real-login-secret',
    });
    expect(lineLoginConfig(parseEnv({ LINE_API_BASE_URL: 'http://127.0.0.1:3100' }))).toEqual({
      issuer: 'http://127.0.0.1:3100/__login',
      channelId: DEV_DEFAULTS.LINE_LOGIN_CHANNEL_ID,
      channelSecret: DEV_DEFAULTS.LINE_LOGIN_CHANNEL_SECRET,
    });
  });

  it('KIZUNA_ENV=production applies without NODE_ENV (the worker), and NODE_ENV=production alone too (next start)', () => {
    expect(() => parseEnv({ KIZUNA_ENV: 'production' })).toThrowError(/KIZUNA_SECRET/);
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrowError(/LINE_CHANNEL_SECRET/);
    expect(() => parseEnv({ NODE_ENV: 'production', KIZUNA_ENV: 'development' })).not.toThrow();
  });
});

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseEnv (more)', () => {
  it('treats empty values as unset here too', () => {
    expect(parseEnv({ KIZUNA_ENV: '' }).KIZUNA_ENV).toBeUndefined();
  });
});

describe('KIZUNA_PAYLOAD_KEYS', () => {
  it('defaults to the dev key outside production', () => {
    expect(payloadKeys(parseEnv({})).map((k) => k.id)).toEqual(['dev']);
  });

  it('takes comma-separated keyId:base64 pairs, the first being the current key', () => {
    const keys = payloadKeys(parseEnv({ KIZUNA_PAYLOAD_KEYS: `2025-06:${PROD_KEY}, 2024-01:${OLD_KEY}` }));
    expect(keys.map((k) => k.id)).toEqual(['2025-06', '2024-01']);
    expect(Buffer.from(keys[0]!.key)).toEqual(Buffer.alloc(32, 7));
    expect(keys[1]!.key).toHaveLength(32);
  });

  it.each([
    ['a key of 16 bytes', `k1:${Buffer.alloc(16, 1).toString('base64')}`, 'entry 1: the key must be 32 bytes'],
    ['a key that is not base64', `k1:${'%'.repeat(43)}=`, 'entry 1: the key must be 32 bytes'],
    ['a missing key id', PROD_KEY, 'entry 1: expected keyId:base64'],
    ['a repeated key id', `k1:${PROD_KEY},k1:${OLD_KEY}`, 'entry 2: repeats the key id'],
    ['an empty entry', `k1:${PROD_KEY},`, 'entry 2: expected keyId:base64'],
  ])('refuses %s, naming the variable and never the key', (_what, value, problem) => {
    const msg = messageOf(() => parseEnv({ KIZUNA_PAYLOAD_KEYS: value }));
    expect(msg).toContain(`KIZUNA_PAYLOAD_KEYS: ${problem}`);
    expect(msg).not.toContain(PROD_KEY);
    expect(msg).not.toContain(OLD_KEY);
    expect(msg).not.toContain(Buffer.alloc(16, 1).toString('base64'));
  });

  it('refuses a codec-server token shorter than 32 characters without printing it', () => {
    const msg = messageOf(() => parseEnv({ KIZUNA_CODEC_SERVER_TOKEN: 'short-token' }));
    expect(msg).toContain('KIZUNA_CODEC_SERVER_TOKEN: expected at least 32 characters');
    expect(msg).not.toContain('short-token');
  });
});
