// The worker's link rewriter: tracked /r/{token} URLs signed with the app's secret and base URL.
import { trackedUrl } from '@/lib/links/tracked';
import type { ActivityDeps } from './deps';

export function trackUrlFromEnv(opts: { baseUrl?: string; secret?: string } = {}): NonNullable<ActivityDeps['trackUrl']> {
  return (link) => trackedUrl(link, opts);
}
