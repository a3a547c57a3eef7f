// Fetches a LINE user's profile through the SDK; a missing profile (blocked, unknown) or an outage yields null.
import { HTTPFetchError } from '@line/bot-sdk';
import type { ProfilePatch } from '@/db/queries/friends';
import type { LineClient } from './client';
import { describeError, hashLineUserId, logWarning } from '../log';

export async function fetchProfile(line: LineClient, userId: string): Promise<ProfilePatch | null> {
  try {
    const p = await line.getProfile(userId);
    return { displayName: p.displayName, pictureUrl: p.pictureUrl ?? null, language: p.language ?? null };
  } catch (err) {
    // The friend is still recorded without a profile; the next event from them tries again.
    if (!(err instanceof HTTPFetchError && err.status === 404)) {
      logWarning(`LINE profile of ${hashLineUserId(userId)} unavailable: ${describeError(err)}`);
    }
    return null;
  }
}
