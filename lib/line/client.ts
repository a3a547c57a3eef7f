// Builds the LINE Messaging API client (the real @line/bot-sdk), pointed at LINE or at the sandbox by its base URL.
import { messagingApi } from '@line/bot-sdk';

export type LineClient = messagingApi.MessagingApiClient;
/** LINE's api-data.line.me client (uploads such as rich-menu images). */
export type LineBlobClient = messagingApi.MessagingApiBlobClient;

/** `baseURL` must be an origin: the SDK drops any path in it. */
export function createLineClient(opts: { channelAccessToken: string; baseURL: string }): LineClient {
  return new messagingApi.MessagingApiClient({ channelAccessToken: opts.channelAccessToken, baseURL: opts.baseURL });
}

/** The blob client: LINE serves uploads from api-data.line.me; the sandbox (any other origin) serves both at its root. */
export function createLineBlobClient(opts: { channelAccessToken: string; baseURL: string }): LineBlobClient {
  const url = new URL(opts.baseURL);
  const baseURL = url.hostname === 'api.line.me' ? `${url.protocol}//api-data.line.me` : url.origin;
  return new messagingApi.MessagingApiBlobClient({ channelAccessToken: opts.channelAccessToken, baseURL });
}
