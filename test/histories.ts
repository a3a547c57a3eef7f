// Stored workflow histories for replay tests: protobuf-encoded (base64) with a readable summary beside it.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { repoRoot } from '../devstack/paths';

type History = temporal.api.history.v1.IHistory;
export const historiesDir = path.join(repoRoot, 'workflows', '__histories__');

export function storeHistory(name: string, history: History): void {
  const bytes = temporal.api.history.v1.History.encode(history).finish();
  const events = (history.events ?? []).map((e) => String(e.eventType ?? ''));
  writeFileSync(
    path.join(historiesDir, `${name}.json`),
    JSON.stringify({ format: 'temporal.api.history.v1.History+base64', events, data: Buffer.from(bytes).toString('base64') }, null, 1) +
      '\n',
  );
}

export function loadHistories(): { name: string; history: History }[] {
  return readdirSync(historiesDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const stored: unknown = JSON.parse(readFileSync(path.join(historiesDir, f), 'utf8'));
      const data = stored && typeof stored === 'object' && 'data' in stored && typeof stored.data === 'string' ? stored.data : '';
      return { name: f, history: temporal.api.history.v1.History.decode(Buffer.from(data, 'base64')) };
    });
}
