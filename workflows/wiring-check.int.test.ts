// End-to-end wiring: a workflow on the real Temporal dev server writes a row that we read back from PostgreSQL.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wiringChecks } from '../db/schema';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { createTestTemporal, type TestTemporal } from '../test/temporal';
import { WIRING_CHECK_WORKFLOW, type WiringCheckWorkflow } from './contract';

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

describe('wiring check', () => {
  it('runs a workflow whose activity writes to PostgreSQL', async () => {
    const workflowId = `wiring-${Date.now()}`;
    const result = await temporal.withWorker(() =>
      temporal.client.workflow.execute<WiringCheckWorkflow>(WIRING_CHECK_WORKFLOW, {
        taskQueue: temporal.taskQueue,
        workflowId,
        args: ['hello from temporal'],
      }),
    );
    expect(result).toBe(workflowId);
    const rows = await tdb.db.select().from(wiringChecks).where(eq(wiringChecks.id, workflowId));
    expect(rows).toEqual([expect.objectContaining({ id: workflowId, note: 'hello from temporal' })]);
  });
});
