// The retention job's schedule (`kizuna-retention`, daily at 04:00 Japan time): created, or brought up to date with this
// worker's KIZUNA_RETENTION_DAYS and task queue, each time a worker starts. Idempotent: any number of workers may run it.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { RETENTION_WORKFLOW, type RetentionWorkflow } from '@/workflows/contract';

export const RETENTION_SCHEDULE_ID = 'kizuna-retention';

export async function ensureRetentionSchedule(
  client: Client,
  opts: { taskQueue: string; retentionDays: number; scheduleId?: string },
): Promise<'created' | 'updated'> {
  const scheduleId = opts.scheduleId ?? RETENTION_SCHEDULE_ID;
  const spec = { calendars: [{ hour: 4, minute: 0, comment: 'daily at 04:00 JST' }], timezone: 'Asia/Tokyo' };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: RETENTION_WORKFLOW,
    taskQueue: opts.taskQueue,
    args: [{ retentionDays: opts.retentionDays }] as [{ retentionDays: number }],
  };
  // A run still going at the next 04:00 is left to finish; a day missed while the server was down is made up once.
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' };
  try {
    await client.schedule.create<RetentionWorkflow>({ scheduleId, spec, action, policies });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update<RetentionWorkflow>((previous) => ({ ...previous, spec, action, policies }));
    return 'updated';
  }
}
