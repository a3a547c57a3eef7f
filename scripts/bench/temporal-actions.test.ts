// countActions against hand-made histories and the stored replay histories.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import protos from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { billableSteps, cloudCostUsd, countActions, minimumActions, TEMPORAL_CLOUD_LIST_PRICE } from './temporal-actions';

const proto = protos.temporal;
const T = proto.api.enums.v1.EventType;
/** Hand-made events, in the JSON shape protobufjs reads (numbers where the types say Long). */
type Event = Record<string, unknown>;

const stored = (name: string) => {
  const file = path.join(import.meta.dirname, '..', '..', 'workflows', '__histories__', name);
  const { data } = JSON.parse(readFileSync(file, 'utf8')) as { data: string };
  return proto.api.history.v1.History.decode(Buffer.from(data, 'base64'));
};
const history = (events: Event[]) => ({
  events: events.map((e, i) => proto.api.history.v1.HistoryEvent.fromObject({ eventId: i + 1, ...e })),
});
const wft: Event[] = [
  { eventType: T.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED },
  { eventType: T.EVENT_TYPE_WORKFLOW_TASK_STARTED },
  { eventType: T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED },
];
const sa = (key: string) => ({ searchAttributes: { indexedFields: { [key]: { data: new Uint8Array([1]) } } } });

describe('countActions', () => {
  it('counts start, activities with their retries, timers, signals and upserts; not workflow tasks', () => {
    const c = countActions(
      history([
        { eventType: T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, workflowExecutionStartedEventAttributes: sa('KizunaFriendId') },
        ...wft,
        {
          eventType: T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
          activityTaskScheduledEventAttributes: { activityType: { name: 'sendMessages' } },
        },
        { eventType: T.EVENT_TYPE_ACTIVITY_TASK_STARTED, activityTaskStartedEventAttributes: { attempt: 3 } },
        { eventType: T.EVENT_TYPE_ACTIVITY_TASK_COMPLETED },
        ...wft,
        { eventType: T.EVENT_TYPE_TIMER_STARTED },
        { eventType: T.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, workflowExecutionSignaledEventAttributes: { signalName: 'stop' } },
        { eventType: T.EVENT_TYPE_TIMER_CANCELED },
        { eventType: T.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, upsertWorkflowSearchAttributesEventAttributes: sa('KizunaVersionId') },
        { eventType: T.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED },
      ]),
    );
    expect(c).toMatchObject({ workflowStarted: 1, activities: 1, activityRetries: 2, timers: 1, signals: 1, searchAttributeUpserts: 1 });
    expect(c.total).toBe(7);
  });

  it('bills neither patch markers nor TemporalChangeVersion upserts; local activities once per workflow task', () => {
    const la = (task: number): Event => ({
      eventType: T.EVENT_TYPE_MARKER_RECORDED,
      markerRecordedEventAttributes: { markerName: 'core_local_activity', workflowTaskCompletedEventId: task },
    });
    const c = countActions(
      history([
        { eventType: T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED },
        ...wft,
        { eventType: T.EVENT_TYPE_MARKER_RECORDED, markerRecordedEventAttributes: { markerName: 'core_patch' } },
        {
          eventType: T.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
          upsertWorkflowSearchAttributesEventAttributes: sa('TemporalChangeVersion'),
        },
        la(4),
        la(4),
        la(9),
      ]),
    );
    expect(c).toMatchObject({
      total: 3,
      localActivityTasks: 2,
      searchAttributeUpserts: 0,
      free: { patchMarkers: 1, changeVersionUpserts: 1 },
    });
  });

  it('reads the stored welcome history: 11 actions where the minimum is 7 (wait first, three sends, three waits)', () => {
    const h = stored('welcome-steps.before-send-loads-friend.json');
    const c = countActions(h);
    expect(c).toMatchObject({ workflowStarted: 1, activities: 7, timers: 3, total: 11 });
    expect(minimumActions({ sends: 3, waits: 3 })).toBe(7);
    expect(billableSteps(h).slice(0, 5)).toEqual(['start', 'recordProgress', 'timer', 'loadFriend', 'sendMessages']);
  });

  it('reads the welcome recorded since a send loads the friend itself: at its minimum (send, wait, send, wait, send)', () => {
    const h = stored('welcome-steps.json');
    expect(countActions(h).total).toBe(minimumActions({ sends: 3, waits: 2 }));
    expect(billableSteps(h)).toEqual(['start', 'sendMessages', 'timer', 'loadFriendAndSend', 'timer', 'loadFriendAndSend']);
  });

  it('reads a migrated run: signals billed, its patch marker and change-version upsert not', () => {
    const c = countActions(stored('migrated-mid-wait.before-version-attribute.json'));
    expect(c).toMatchObject({ activities: 5, timers: 3, signals: 2, searchAttributeUpserts: 0, total: 11 });
    expect(c.free).toEqual({ patchMarkers: 1, changeVersionUpserts: 1 });
  });

  it('prices actions at the stated list price', () => {
    expect(TEMPORAL_CLOUD_LIST_PRICE.usdPerMillionActions).toBe(50);
    expect(cloudCostUsd(6, 10_000)).toBeCloseTo(3, 10);
  });
});
