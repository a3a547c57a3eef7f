// Settings shows which LINE credentials are set without showing any of their characters.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env';
import { channelInfo, secretFingerprint } from './channel-info';
import type { LineClient } from './client';

const secret = 'f3c1d2e4a5b6c7d8e9f0a1b2c3d4e5f6';
const token = 'tok-'.repeat(10);
const line = { getBotInfo: () => Promise.resolve({ displayName: 'Shop', basicId: '@shop', userId: `U${'0'.repeat(32)}` }) };

describe('channel info', () => {
  it('shows fingerprints that match sha256sum, never the secrets', async () => {
    const info = await channelInfo(
      parseEnv({ LINE_CHANNEL_SECRET: secret, LINE_CHANNEL_ACCESS_TOKEN: token }),
      line as unknown as LineClient,
    );
    expect(info.channelSecret).toBe(`SHA-256 ${createHash('sha256').update(secret).digest('hex').slice(0, 12)}`);
    expect(info.accessToken).toBe(secretFingerprint(token));
    for (const shown of [info.channelSecret, info.accessToken]) {
      expect(shown).not.toContain(secret.slice(0, 4));
      expect(shown).not.toContain(secret.slice(-4));
      expect(shown).not.toContain('tok-');
    }
    expect(info.usingDevDefaults).toBe(false);
  });

  it('warns when the dev defaults are in use', async () => {
    const info = await channelInfo(parseEnv({}), line as unknown as LineClient);
    expect(info.usingDevDefaults).toBe(true);
  });
});
