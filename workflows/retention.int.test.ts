// The retention job end to end on the Temporal dev server: the schedule a worker creates at start-up (idempotently,
// daily at 04:00 Japan time) starts the retention workflow, whose pruneRetention activity (registered by
// createActivities) prunes PostgreSQL.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookEvents } from '../db/schema';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { createTestTemporal, type TestTemporal } from '../test/temporal';
import { createActivities } from '../worker/activities';
import { ensureRetentionSchedule } from '../worker/retention-schedule';
import { RETENTION_WORKFLOW } from './contract';

let tdb: TestDatabase;
let temporal: TestTemporal;

beforeAll(async () => {
  tdb = await createTestDatabase();
  temporal = await createTestTemporal({ db: tdb.db });
});
afterAll(async () => {
  await temporal?.close();
  await tdb?.drop();
});

const DAY = 86_400_000;

describe('retention schedule', () => {
  it('registers the activity the workflow calls', () => {
    expect(typeof createActivities({ db: tdb.db }).pruneRetention).toBe('function');
  });

  it('is created once and updated after, and its run prunes what is older than the retention period', async () => {
    const scheduleId = `kizuna-retention-test-${randomBytes(4).toString('hex')}`;
    const opts = { taskQueue: temporal.taskQueue, scheduleId };
    expect(await ensureRetentionSchedule(temporal.client, { ...opts, retentionDays: 45 })).toBe('created');
    expect(await ensureRetentionSchedule(temporal.client, { ...opts, retentionDays: 30 })).toBe('updated');
    const handle = temporal.client.schedule.getHandle(scheduleId);
    try {
      const described = await handle.describe();
      expect(described.spec.timezone).toBe('Asia/Tokyo');
      expect(described.spec.calendars).toEqual([
        expect.objectContaining({ hour: [{ start: 4, end: 4, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] }),
      ]);
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: RETENTION_WORKFLOW, taskQueue: temporal.taskQueue });
      expect(described.action.type === 'startWorkflow' ? described.action.args : null).toEqual([{ retentionDays: 30 }]);

      const now = Date.now();
      const rows = [
        { webhookEventId: `old-${scheduleId}`, type: 'message', payload: { text: 'old' }, receivedAt: new Date(now - 40 * DAY) },
        { webhookEventId: `new-${scheduleId}`, type: 'message', payload: { text: 'new' }, receivedAt: new Date(now - 1 * DAY) },
      ];
      await tdb.db.insert(webhookEvents).values(rows);

      const result = await temporal.withWorker(async () => {
        await handle.trigger();
        let workflowId: string | undefined;
        for (let i = 0; i < 300 && !workflowId; i++) {
          workflowId = (await handle.describe()).info.recentActions[0]?.action.workflow.workflowId;
          if (!workflowId) await new Promise((r) => setTimeout(r, 100));
        }
        if (!workflowId) throw new Error('the schedule started no workflow');
        return temporal.client.workflow.getHandle(workflowId).result();
      });
      expect(result).toMatchObject({ webhookPayloads: 1 });
      const payloadOf = async (id: string) =>
        (await tdb.db.select().from(webhookEvents).where(eq(webhookEvents.webhookEventId, id)))[0]?.payload;
      expect(await payloadOf(`old-${scheduleId}`)).toEqual({});
      expect(await payloadOf(`new-${scheduleId}`)).toEqual({ text: 'new' });
    } finally {
      await handle.delete();
    }
  });
});
