// What Settings shows about the LINE channel: fingerprints of the credentials and the bot's own info from LINE.
import { createHash } from 'node:crypto';
import { DEV_DEFAULTS, type Env } from '../env';
import type { LineClient } from './client';

/**
 * A secret's fingerprint: the first 12 hex digits of its SHA-256, so an operator can tell which credential is set
 * (`printf %s "$LINE_CHANNEL_SECRET" | sha256sum | cut -c1-12`) without a single character of it on screen.
 */
export function secretFingerprint(s: string): string {
  return `SHA-256 ${createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 12)}`;
}

export interface ChannelInfo {
  apiBaseUrl: string;
  isSandbox: boolean;
  channelSecret: string;
  accessToken: string;
  usingDevDefaults: boolean;
  webhookUrl: string;
  bot: { displayName: string; basicId: string; userId: string } | { error: string };
}

export async function channelInfo(e: Env, line: LineClient): Promise<ChannelInfo> {
  let bot: ChannelInfo['bot'];
  try {
    const b = await line.getBotInfo();
    bot = { displayName: b.displayName, basicId: b.basicId, userId: b.userId };
  } catch (err) {
    bot = { error: err instanceof Error ? err.message : String(err) };
  }
  return {
    apiBaseUrl: e.LINE_API_BASE_URL,
    isSandbox: new URL(e.LINE_API_BASE_URL).hostname !== 'api.line.me',
    channelSecret: secretFingerprint(e.LINE_CHANNEL_SECRET),
    accessToken: secretFingerprint(e.LINE_CHANNEL_ACCESS_TOKEN),
    usingDevDefaults:
      e.LINE_CHANNEL_SECRET === DEV_DEFAULTS.LINE_CHANNEL_SECRET || e.LINE_CHANNEL_ACCESS_TOKEN === DEV_DEFAULTS.LINE_CHANNEL_ACCESS_TOKEN,
    webhookUrl: new URL('/api/line/webhook', e.APP_BASE_URL).toString(),
    bot,
  };
}
