// Builds the LINE Messaging API client (the real @line/bot-sdk), pointed at LINE or at the sandbox by its base URL.
import { messagingApi } from '@line/bot-sdk';

export type LineClient = messagingApi.MessagingApiClient;

/** `baseURL` must be an origin: the SDK drops any path in it. */
export function createLineClient(opts: { channelAccessToken: string; baseURL: string }): LineClient {
  return new messagingApi.MessagingApiClient({ channelAccessToken: opts.channelAccessToken, baseURL: opts.baseURL });
}
