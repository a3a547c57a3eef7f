// Builds the LINE Messaging API client (the real @line/bot-sdk), pointed at LINE or at the sandbox by LINE_API_BASE_URL.
import { messagingApi } from '@line/bot-sdk';
import { env } from '../env';

export type LineClient = messagingApi.MessagingApiClient;

export function createLineClient(opts: { channelAccessToken: string; baseURL: string }): LineClient {
  return new messagingApi.MessagingApiClient({ channelAccessToken: opts.channelAccessToken, baseURL: opts.baseURL });
}

const holder = globalThis as unknown as { kizunaLineClient?: LineClient };

/** The process-wide client built from the environment once. */
export function lineClient(): LineClient {
  holder.kizunaLineClient ??= createLineClient({ channelAccessToken: env().LINE_CHANNEL_ACCESS_TOKEN, baseURL: env().LINE_API_BASE_URL });
  return holder.kizunaLineClient;
}
