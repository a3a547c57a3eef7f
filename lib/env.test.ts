import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './env';

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
      expect(msg).toContain('TEMPORAL_ADDRESS="nonsense": expected host:port');
      expect(msg).toContain('DATABASE_URL="mysql://x": expected a postgres:// connection string');
    }
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ TEMPORAL_ADDRESS: '' }).TEMPORAL_ADDRESS).toBeUndefined();
  });

  it('refuses the development secret in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrowError(/KIZUNA_SECRET/);
  });
});
