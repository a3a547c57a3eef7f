// Type-only: the server-side shapes the UI renders (rows, loaded views, action results), so components never import db/, app/ or server lib/.
import type { ActionError } from '@/lib/errors';
import type { CsvError } from '@/lib/friends/csv-import';
import type { listFriendMessages, listFriendRuns } from '@/db/queries/friends';

export type { ScenarioStatus } from '@/db/schema/scenarios';
export type { AttributeDefinitionRow } from '@/db/queries/attributes';
export type { EventRow } from '@/db/queries/events';
export type { FriendListRow } from '@/db/queries/friends';
export type { NodeFigures } from '@/db/queries/analytics';
export type { DayFigures, Funnel } from '@/db/queries/analytics-series';
export type { AnalyticsView } from '@/lib/analytics/load';
export type { SplitResult } from '@/lib/analytics/ab-tests';
export type { ChannelInfo } from '@/lib/line/channel-info';
export type { ChannelBannerView } from '@/lib/line/channel-banner';
export type { QuotaGaugeView } from '@/lib/line/quota-gauge';
export type { HeldSend } from '@/lib/timing/held-sends';
export type { FirstRunItem } from '@/lib/first-run/checklist';
export type { BroadcastView } from '@/lib/broadcasts/view';
export type { BroadcastState } from '@/lib/broadcasts/state';
export type { RouteReport } from '@/lib/inflow/report';
export type { ConversationItem, InboxSnapshot, ThreadMessage, ThreadView } from '@/lib/chat/view-types';
export type { ActionError, CsvError };

/** One of a friend's scenario runs, as the friend page lists them. */
export type FriendRunRow = Awaited<ReturnType<typeof listFriendRuns>>[number];
/** One send to a friend (with its delivery status), as the friend page lists them. */
export type FriendMessageRow = Awaited<ReturnType<typeof listFriendMessages>>[number];

/** What a server action called from a component answers: success with its payload, or the error to show. */
export type ActionResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ActionError };

/** The CSV import form's state, which its server action (a `useActionState` reducer) returns. */
export type ImportState =
  | { status: 'idle' }
  | { status: 'done'; created: number; updated: number }
  | { status: 'rejected'; errors: CsvError[] }
  | { status: 'failed'; error: ActionError };

/** What the sign-in actions answer (app/sign-in/actions.ts). */
export type SignInResultView = { ok: true; next: string } | { ok: true; twoFactor: true } | { ok: false; error: 'failed' | 'rate_limited' };

/** One audit log row as the audit page lists it, and friends as a viewer sees them (display names only). */
export type { AuditRow } from '@/db/queries/audit';
export type { AuditAction } from '@/lib/audit/record';
export type { FriendNameRow } from '@/db/queries/friend-names';
/** The migration dialog's dry run and batch progress (lib/engine/migrate-runs.ts). */
export type { DryRun, DryRunFriend, MigrationProgress } from '@/lib/engine/migrate-runs';
