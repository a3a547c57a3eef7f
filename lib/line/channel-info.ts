// What Settings shows about the LINE channel: masked credentials from the environment and the bot's own info from LINE.
import type { Env } from '../env';
import type { LineClient } from './client';

/** Keeps the first and last 4 characters so an operator can tell which credential is set. */
export function maskSecret(s: string): string {
  if (s.length <= 10) return '•'.repeat(s.length);
  return `${s.slice(0, 4)}${'•'.repeat(Math.min(12, s.length - 8))}${s.slice(-4)}`;
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
    channelSecret: maskSecret(e.LINE_CHANNEL_SECRET),
    accessToken: maskSecret(e.LINE_CHANNEL_ACCESS_TOKEN),
    usingDevDefaults: e.LINE_CHANNEL_SECRET === 'kizuna-dev-secret' || e.LINE_CHANNEL_ACCESS_TOKEN === 'kizuna-dev-token',
    webhookUrl: new URL('/api/line/webhook', e.APP_BASE_URL).toString(),
    bot,
  };
}
