// What the Temporal server stores of a run holds no personal data in clear: a friend's name, attributes and event
// properties go through the real app client, worker and dev server, and the raw history bytes are searched for them.
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import { METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onEvent, onFriendAdded } from '../lib/engine/triggers';
import { clientDataConverter } from '../lib/temporal/data-converter';
import { ENCRYPTED_ENCODING, KEY_ID_METADATA, PayloadEncryptionCodec } from '../lib/temporal/payload-codec';
import type { PayloadKey } from '../lib/temporal/payload-keys';
import type { ScenarioGraphInput } from '../scenario/schema';
import { createEngineHarness, createFriend, publishGraph, type EngineHarness } from '../test/engine';
import { quietRuntime, workflowBundle } from '../test/temporal';
import { workerDataConverter } from '../worker/create-worker';
import { positionQuery } from './contract';

const { History } = proto.temporal.api.history.v1;
type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;

const NAME = '暗号テスト花子';
const ATTRIBUTES = { plan: 'プラチナ秘密会員', birthday: '1987-06-05', city: '秘密市青葉区' };
const ITEM = '限定の香水セット秘密';
const SECRETS = [NAME, ...Object.values(ATTRIBUTES), ITEM];

// A rotation in progress: the workers hold the new key and the old one; the app that starts the run is still on the old.
const newKey: PayloadKey = { id: 'test-new', key: new Uint8Array(randomBytes(32)) };
const oldKey: PayloadKey = { id: 'test-old', key: new Uint8Array(randomBytes(32)) };

const graph: ScenarioGraphInput = {
  schemaVersion: 1,
  settings: { timeZone: 'Asia/Tokyo', splitSalt: 'codec' },
  nodes: [
    { id: 'trigger', kind: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { type: 'friend_added' }, reEntry: 'once' } },
    {
      id: 'hello',
      kind: 'send',
      position: { x: 0, y: 100 },
      data: { messages: [{ type: 'text', text: '{{friend.displayName}}さん、{{attr.plan}}のご案内（{{attr.city}}・{{attr.birthday}}）' }] },
    },
    {
      id: 'wait-purchase',
      kind: 'wait_for_event',
      position: { x: 0, y: 200 },
      data: { eventName: 'purchase', timeout: { mode: 'duration', amount: 7, unit: 'days' } },
    },
    {
      id: 'thanks',
      kind: 'send',
      position: { x: 0, y: 300 },
      data: { messages: [{ type: 'text', text: '{{friend.displayName}}さん、ご購入ありがとうございます' }] },
    },
    { id: 'end-a', kind: 'end', position: { x: 0, y: 400 }, data: {} },
    { id: 'end-b', kind: 'end', position: { x: 200, y: 300 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'hello' },
    { id: 'e2', source: 'hello', sourceHandle: 'next', target: 'wait-purchase' },
    { id: 'e3', source: 'wait-purchase', sourceHandle: 'event', target: 'thanks' },
    { id: 'e4', source: 'wait-purchase', sourceHandle: 'timeout', target: 'end-b' },
    { id: 'e5', source: 'thanks', sourceHandle: 'next', target: 'end-a' },
  ],
};

let h: EngineHarness;
beforeAll(async () => {
  h = await createEngineHarness({ timeSkipping: false, payloadKeys: [newKey, oldKey] });
});
afterAll(async () => {
  await h?.close();
});

/** The history exactly as the server stores it: raw protobuf, payloads never passed through a codec. */
async function rawHistory(workflowId: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await h.client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId },
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken && page.nextPageToken.length > 0 ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return events;
}

function isPayload(value: object): value is Payload {
  return 'metadata' in value && 'data' in value && value.data instanceof Uint8Array;
}

/** Every payload anywhere in the events (inputs, results, signals, memo, failures), with where it was found. */
function payloadsIn(value: unknown, where = ''): { where: string; payload: Payload }[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return [];
  if (isPayload(value)) return [{ where, payload: value }];
  return Object.entries(value).flatMap(([k, v]) => payloadsIn(v, `${where}.${k}`));
}

const text = (b: Uint8Array | null | undefined) => new TextDecoder().decode(b ?? new Uint8Array());

async function waitUntilWaitingForEvent(workflowId: string) {
  const handle = h.client.workflow.getHandle(workflowId);
  for (let i = 0; i < 600; i++) {
    const at = await handle.query(positionQuery);
    if (at?.waiting?.kind === 'event') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the run never reached its wait for the purchase');
}

describe('Temporal payload encryption', () => {
  it("stores a friend's name, attributes and event properties only encrypted, through a key rotation", async () => {
    const { scenarioId } = await publishGraph(h, graph, 'codec');
    const friend = await createFriend(h, NAME, { attributes: ATTRIBUTES });
    const workflowId = `run-${scenarioId}-${friend.id}`;
    // The app starting the run has not been given the new key yet.
    const oldApp = new Client({ connection: h.client.connection, dataConverter: clientDataConverter([oldKey]) });
    await h.withWorkers(async () => {
      expect(
        (await onFriendAdded({ ...h.deps, temporal: oldApp }, { friendId: friend.id, isUnblocked: false, at: new Date() })).started,
      ).toBe(1);
      await waitUntilWaitingForEvent(workflowId);
      await onEvent(h.deps, {
        friendId: friend.id,
        eventId: 'ev-codec-1',
        name: 'purchase',
        occurredAt: new Date(),
        properties: { item: ITEM },
        isTest: false,
      });
      expect(await h.client.workflow.getHandle(workflowId).result()).toMatchObject({ reason: 'end' });
    });

    // The friend got both messages, with their name and attributes: the personal data did go through the run.
    const inbox = h.sandbox.state.friends.get(friend.lineUserId)?.inbox ?? [];
    expect(inbox).toHaveLength(2);
    const received = JSON.stringify(inbox.map((m) => m.message));
    for (const secret of [NAME, ...Object.values(ATTRIBUTES)]) expect(received).toContain(secret);

    const events = await rawHistory(workflowId);
    const stored = Buffer.from(History.encode({ events }).finish());
    for (const secret of SECRETS) expect(stored.includes(Buffer.from(secret, 'utf8')), `"${secret}" in the raw history`).toBe(false);

    // Search attributes are the one exception the server must read (it indexes them): they hold ids only. A patch
    // marker's data is the other: the SDK's core writes the patch id (a name in our code, never a friend's data) itself,
    // past the payload codec; the raw-history search above proves no secret is in it.
    const found = payloadsIn(events).filter(
      (p) => !p.where.includes('.searchAttributes.') && !p.where.includes('.markerRecordedEventAttributes.details.patch-data.'),
    );
    const kinds = new Set(events.map((e) => e.eventType));
    expect(kinds).toContain(proto.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
    expect(kinds).toContain(proto.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
    expect(found.length).toBeGreaterThan(5);
    for (const { where, payload } of found) expect(text(payload.metadata?.[METADATA_ENCODING_KEY]), where).toBe(ENCRYPTED_ENCODING);
    // The old app's input is under the old key; everything the workers wrote is under the new one.
    const keyIds = found.map((p) => ({ where: p.where, id: text(p.payload.metadata?.[KEY_ID_METADATA]) }));
    expect(keyIds.find((k) => k.where.includes('workflowExecutionStartedEventAttributes.input'))?.id).toBe('test-old');
    expect(keyIds.filter((k) => k.where.includes('activityTaskCompletedEventAttributes')).map((k) => k.id)).toContain('test-new');
    expect(new Set(keyIds.map((k) => k.id))).toEqual(new Set(['test-old', 'test-new']));

    // With the keys, the same payloads hold the friend's data: the search above looked where it would have been.
    const decoded = await new PayloadEncryptionCodec([newKey, oldKey]).decode(found.map((p) => p.payload));
    const plain = decoded.map((p) => text(p.data)).join('\n');
    for (const secret of SECRETS) expect(plain).toContain(secret);

    // The stored, encrypted history replays with the workers' keys (today's code against it, as the replay tests do).
    quietRuntime();
    await Worker.runReplayHistory(
      { workflowBundle: await workflowBundle(), dataConverter: workerDataConverter([newKey, oldKey]) },
      { events },
      workflowId,
    );
  });
});
