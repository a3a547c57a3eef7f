// Counts the Temporal Cloud billable actions a workflow history shows, and prices them at a stated list price.
import protos from '@temporalio/proto';

const proto = protos.temporal;
const T = proto.api.enums.v1.EventType;
type History = protos.temporal.api.history.v1.IHistory;

/**
 * The list price the cost line uses: Temporal Cloud Essentials, first volume tier. Taken from issue 24's brief on the
 * date below and not re-checked against temporal.io/pricing; volume discounts, the plan's monthly minimum, storage and
 * support are left out, so the figure is per-action spend only.
 */
export const TEMPORAL_CLOUD_LIST_PRICE = { plan: 'Essentials', usdPerMillionActions: 50, asOf: '2026-12-06' } as const;

/** The search attribute `patched()` upserts; Temporal Cloud does not bill its upserts (docs.temporal.io/cloud/actions). */
const CHANGE_VERSION = 'TemporalChangeVersion';
/** The marker the TypeScript SDK (core) records for local activities; one action per workflow task that has any. */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

export interface ActionCount {
  /** Client start, signal-with-start, continue-as-new or child start: each history has exactly one. */
  workflowStarted: number;
  /** Activity tasks scheduled (each first attempt). */
  activities: number;
  /** Attempts after the first, as the activity's started event reports them. */
  activityRetries: number;
  timers: number;
  signals: number;
  /** Upserts carrying anything but TemporalChangeVersion (start-time search attributes are free). */
  searchAttributeUpserts: number;
  updates: number;
  /** Workflow tasks that recorded local activities. */
  localActivityTasks: number;
  total: number;
  /** Not billed, listed for reading the history: patch markers and TemporalChangeVersion-only upserts. */
  free: { patchMarkers: number; changeVersionUpserts: number };
}

/**
 * Billable actions in one history, after docs.temporal.io/cloud/actions: workflow started, activity started or retried,
 * timer started, signal, search-attribute upsert (not at start, not TemporalChangeVersion), update, one per workflow
 * task with local activities. Queries and heartbeats never reach a history and are not counted.
 */
export function countActions(history: History): ActionCount {
  const c: ActionCount = {
    workflowStarted: 0,
    activities: 0,
    activityRetries: 0,
    timers: 0,
    signals: 0,
    searchAttributeUpserts: 0,
    updates: 0,
    localActivityTasks: 0,
    total: 0,
    free: { patchMarkers: 0, changeVersionUpserts: 0 },
  };
  const localActivityTasks = new Set<string>();
  for (const e of history.events ?? []) {
    switch (e.eventType) {
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
        c.workflowStarted++;
        break;
      case T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
        c.activities++;
        break;
      case T.EVENT_TYPE_ACTIVITY_TASK_STARTED:
        c.activityRetries += Math.max(0, (e.activityTaskStartedEventAttributes?.attempt ?? 1) - 1);
        break;
      case T.EVENT_TYPE_TIMER_STARTED:
        c.timers++;
        break;
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
        c.signals++;
        break;
      case T.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
        c.updates++;
        break;
      case T.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: {
        const keys = Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {});
        if (keys.some((k) => k !== CHANGE_VERSION)) c.searchAttributeUpserts++;
        else c.free.changeVersionUpserts++;
        break;
      }
      case T.EVENT_TYPE_MARKER_RECORDED: {
        const m = e.markerRecordedEventAttributes;
        if (m?.markerName === LOCAL_ACTIVITY_MARKER) localActivityTasks.add(String(m.workflowTaskCompletedEventId ?? e.eventId));
        else c.free.patchMarkers++;
        break;
      }
      default:
        break;
    }
  }
  c.localActivityTasks = localActivityTasks.size;
  c.total =
    c.workflowStarted +
    c.activities +
    c.activityRetries +
    c.timers +
    c.signals +
    c.searchAttributeUpserts +
    c.updates +
    c.localActivityTasks;
  return c;
}

/** What a straight-line scenario cannot do with less: one start, one activity per send, one timer per wait. */
export const minimumActions = (shape: { sends: number; waits: number }) => 1 + shape.sends + shape.waits;

/** US dollars for `friends` friends at `actionsPerFriend` each, at the list price above. */
export const cloudCostUsd = (actionsPerFriend: number, friends: number) =>
  (actionsPerFriend * friends * TEMPORAL_CLOUD_LIST_PRICE.usdPerMillionActions) / 1_000_000;

/** The billable steps of a history in order, for reading (`start, sendMessages, timer, …`). */
export function billableSteps(history: History): string[] {
  const out: string[] = [];
  for (const e of history.events ?? []) {
    if (e.eventType === T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) out.push('start');
    else if (e.eventType === T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
      out.push(e.activityTaskScheduledEventAttributes?.activityType?.name ?? 'activity');
    else if (e.eventType === T.EVENT_TYPE_TIMER_STARTED) out.push('timer');
    else if (e.eventType === T.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
      out.push(`signal ${e.workflowExecutionSignaledEventAttributes?.signalName ?? ''}`);
  }
  return out;
}
