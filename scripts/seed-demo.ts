// `npm run seed:demo [-- --days N]`: publishes the examples as demo scenarios and fills 30 (or N) days of history (2,000 friends over 30 days, runs, sends, clicks, purchases, blocks); replaces earlier demo data.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inArray, like, sql } from 'drizzle-orm';
import { z } from 'zod';
import { createDb, type Db } from '../db/client';
import { insertAttributeDefinition } from '../db/queries/attributes';
import { migrateDatabase } from '../db/migrate';
import { events, friends, outbox, runSteps, runs, scenarioVersions, scenarios } from '../db/schema';
import { repoRoot } from '../devstack/paths';
import { env } from '../lib/env';
import { compile } from '../scenario/compile';
import { renderMessages } from '../scenario/render';
import { evaluate } from '../scenario/conditions';
import { HOLDOUT_OUTPUT } from '../scenario/nodes/split';
import { assignSplit } from '../scenario/split';
import type { ScenarioGraph, ScenarioNode } from '../scenario/schema';
import { nextAnnualDate, parseDateValue } from '../scenario/time';
import { waitUntil } from '../scenario/nodes/wait';
import { DEMO_ATTRIBUTES, demoScenarios } from './demo-scenarios';

const DEMO = '【デモ】';
/** Friends who joined before the history starts (the rest join during it, about 47 a day). */
const EARLIER_FRIENDS = 600;
const DAY = 86_400_000;
const NOW = Date.now();
// 30 days of history by default; the forecast backtest asks for more (`--days 60`), so it has a past to forecast from.
let HISTORY_DAYS = 30;
let START = NOW - HISTORY_DAYS * DAY;

// A seeded PRNG (mulberry32) so the demo looks the same on every run.
let seed = 20251123;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const uuid = () => crypto.randomUUID();

const FAMILY = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤', '吉田', '山田', '松本', '井上', '木村'];
const GIVEN = ['花子', '太郎', '美咲', '健太', '陽菜', '翔太', '結衣', '大輝', 'さくら', '蓮', '葵', '悠真', '七海', '湊', '凛'];
const PREFS = ['東京都', '神奈川県', '大阪府', '愛知県', '福岡県', '北海道', '埼玉県', '千葉県'];

type Friend = {
  id: string;
  name: string;
  addedAt: number;
  linked: boolean;
  attributes: Record<string, string | number>;
  blockedAt: number | null;
};
type Rows = {
  runs: (typeof runs.$inferInsert)[];
  steps: (typeof runSteps.$inferInsert)[];
  sends: (typeof outbox.$inferInsert)[];
  events: (typeof events.$inferInsert)[];
};

function makeFriends(): Friend[] {
  const joining = Math.round((1400 * HISTORY_DAYS) / 30);
  return Array.from({ length: joining + EARLIER_FRIENDS }, (_, i) => {
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    return {
      id: uuid(),
      name: `${pick(FAMILY)} ${pick(GIVEN)}`,
      addedAt: i < joining ? START + rnd() * HISTORY_DAYS * DAY : START - (10 + rnd() * 300) * DAY,
      linked: rnd() < 0.4,
      attributes: {
        rank: pick(['bronze', 'bronze', 'silver', 'silver', 'gold', 'platinum']),
        gender: pick(['female', 'female', 'male', 'other']),
        prefecture: pick(PREFS),
        points: Math.floor(rnd() * 5000),
        birthday: `${1965 + Math.floor(rnd() * 40)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      },
      blockedAt: null,
    };
  });
}

/** Walks one friend through a graph from `at`, writing steps, sends, clicks and purchases as a plausible engine would. */
function walk(
  g: ScenarioGraph,
  ids: { scenarioId: string; versionId: string },
  f: Friend,
  at: number,
  rows: Rows,
  runNo: number,
  triggerEvent: Record<string, unknown> | null = null,
) {
  const runId = `demo:${ids.scenarioId.slice(0, 8)}:${f.id.slice(0, 8)}:${runNo}`;
  const next = (n: ScenarioNode, output: string) => g.edges.find((e) => e.source === n.id && e.sourceHandle === output)?.target;
  const zone = g.settings.timeZone;
  const snapshot = {
    id: f.id,
    lineUserId: '',
    displayName: f.name,
    attributes: f.attributes,
    tags: [],
    linked: f.linked,
    friendAddedAt: f.addedAt,
    events: [],
  };
  const run = {
    id: runId,
    ...ids,
    friendId: f.id,
    status: 'done' as 'done' | 'active' | 'stopped',
    currentNodeId: null as string | null,
    startedAt: new Date(at),
    endedAt: null as Date | null,
    endReason: null as string | null,
  };
  rows.runs.push(run);
  let node: ScenarioNode | undefined = g.nodes.find((n) => n.kind === 'trigger');
  let variantBoost = 1;
  const visits = new Map<string, number>();
  for (let guard = 0; node && guard < 30; guard++) {
    const visit = (visits.get(node.id) ?? 0) + 1;
    visits.set(node.id, visit);
    const step = {
      runId,
      ...ids,
      friendId: f.id,
      nodeId: node.id,
      visit,
      enteredAt: new Date(at),
      leftAt: null as Date | null,
      output: null as string | null,
    };
    rows.steps.push(step);
    let output = 'next';
    let leave = at;
    if (node.kind === 'send') {
      const blocked = f.blockedAt !== null && f.blockedAt <= at;
      const r = rnd();
      const status = blocked ? 'skipped' : r < 0.015 ? 'failed' : r < 0.035 ? 'skipped' : 'sent';
      const reason = blocked
        ? 'blocked'
        : status === 'failed'
          ? 'LINE 400: {"message":"The request body has 1 error(s)"}'
          : status === 'skipped'
            ? 'frequency_cap'
            : null;
      rows.sends.push({
        runId,
        ...ids,
        friendId: f.id,
        nodeId: node.id,
        visit,
        retryKey: uuid(),
        status,
        reason,
        // What the friend received, as the send step renders it: placeholders filled from the friend and the trigger event.
        messages: renderMessages(node.data.messages, { friend: snapshot, event: triggerEvent }),
        createdAt: new Date(at),
        sentAt: status === 'sent' ? new Date(at + 2000) : null,
      });
      if (status === 'sent') {
        if (rnd() < 0.22 * variantBoost)
          rows.events.push({
            friendId: f.id,
            name: 'link_click',
            occurredAt: new Date(Math.min(NOW, at + rnd() * 6 * 3600_000)),
            properties: { runId, nodeId: node.id, url: 'https://shop.example.jp/' },
            source: 'click',
          });
        if (f.blockedAt === null && rnd() < 0.012) f.blockedAt = at + rnd() * 72 * 3600_000;
      }
    } else if (node.kind === 'wait') {
      if (node.data.mode === 'date_attribute') {
        const d = parseDateValue(f.attributes[node.data.attribute], zone);
        leave = d ? nextAnnualDate(at, d, node.data.offsetDays, node.data.time, zone) : at;
        if (!d) break;
      } else leave = waitUntil(node.data, at, zone);
    } else if (node.kind === 'wait_for_event') {
      const until = waitUntil(node.data.timeout, at, zone);
      if (rnd() < 0.3) {
        leave = at + rnd() * (until - at);
        output = 'event';
        rows.events.push({
          friendId: f.id,
          name: node.data.eventName,
          occurredAt: new Date(Math.min(leave, NOW)),
          properties: { total: 1980 + Math.floor(rnd() * 8000) },
          source: 'api',
        });
      } else {
        leave = until;
        output = 'timeout';
      }
    } else if (node.kind === 'branch') {
      const c = node.data.cases.find((x) => evaluate(x.condition, { friend: snapshot, now: at, timeZone: zone }));
      output = c ? `case:${c.id}` : 'else';
    } else if (node.kind === 'split') {
      const place = assignSplit(node.data, f.id, node.id, g.settings.splitSalt);
      if (place.kind === 'holdout') {
        // The control group gets nothing and ends here (as the engine ends it); it buys a little less often.
        Object.assign(step, { leftAt: new Date(at), output: HOLDOUT_OUTPUT });
        Object.assign(run, { endedAt: new Date(at), endReason: 'holdout: control group' });
        variantBoost = 0.8;
        break;
      }
      const v = place.kind === 'variant' ? place.variant : null;
      output = `variant:${v?.id ?? ''}`;
      variantBoost = v?.id === 'b' ? 1.6 : 1; // the demo's B message is the better one
    } else if (node.kind === 'end') {
      run.endedAt = new Date(at);
      run.endReason = 'end';
      break;
    }
    if (leave > NOW || (f.blockedAt !== null && f.blockedAt < leave)) {
      if (f.blockedAt !== null && f.blockedAt < leave && f.blockedAt <= NOW) {
        Object.assign(run, { status: 'stopped', endedAt: new Date(f.blockedAt), endReason: 'stopped: blocked' });
      } else Object.assign(run, { status: 'active', currentNodeId: node.id });
      break;
    }
    step.leftAt = new Date(leave);
    step.output = output;
    at = leave;
    node = g.nodes.find((n) => n.id === next(node as ScenarioNode, output));
  }
  // The goal: a purchase some days after entering, likelier for friends who got the better variant.
  const goal = g.settings.goal;
  if (goal && rnd() < 0.12 * variantBoost) {
    const when = run.startedAt.getTime() + rnd() * (goal.windowDays + 4) * DAY;
    if (when < NOW)
      rows.events.push({
        friendId: f.id,
        name: goal.eventName,
        occurredAt: new Date(when),
        properties: { total: 2980 + Math.floor(rnd() * 12000) },
        source: 'api',
      });
  }
}

/** The properties of the example events named `name` (examples/events/*.json), for the demo's trigger events. */
function eventExamples(name: string): Record<string, unknown>[] {
  const dir = path.join(repoRoot, 'examples', 'events');
  const Events = z.array(z.object({ name: z.string(), properties: z.record(z.string(), z.unknown()).default({}) }));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => Events.parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8'))))
    .filter((e) => e.name === name)
    .map((e) => e.properties);
}

async function removeDemo(db: Db): Promise<number> {
  const old = await db
    .select({ id: scenarios.id })
    .from(scenarios)
    .where(like(scenarios.name, `${DEMO}%`));
  const ids = old.map((s) => s.id);
  if (ids.length > 0) {
    await db.delete(runSteps).where(inArray(runSteps.scenarioId, ids));
    await db.delete(outbox).where(inArray(outbox.scenarioId, ids));
    await db.delete(runs).where(inArray(runs.scenarioId, ids));
    await db.delete(scenarios).where(inArray(scenarios.id, ids));
  }
  await db.delete(friends).where(like(friends.lineUserId, 'Udemo%'));
  return ids.length;
}

async function insertChunks<T>(rows: T[], f: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 1000) await f(rows.slice(i, i + 1000));
}

/** Seeds (or re-seeds) the demo into the database at `url`; returns the demo scenarios' ids by example name. */
export async function seedDemo(
  url: string,
  log: (line: string) => void = console.log,
  opts: { historyDays?: number } = {},
): Promise<Record<string, string>> {
  HISTORY_DAYS = opts.historyDays ?? 30;
  START = NOW - HISTORY_DAYS * DAY;
  log(`seeding demo data into ${url.replace(/:[^:@/]+@/, ':***@')}`);
  await migrateDatabase(url);
  const { db, close } = createDb(url);
  try {
    const removed = await removeDemo(db);
    if (removed > 0) log(`replaced the earlier demo data (${removed} scenarios and their friends)`);
    const people = makeFriends();
    const rows: Rows = { runs: [], steps: [], sends: [], events: [] };
    // Every friend field the demo's scenarios and friends use; one defined already (perhaps by hand) is left as it is.
    for (const def of DEMO_ATTRIBUTES) await insertAttributeDefinition(db, def);
    const made: string[] = [];
    const out: Record<string, string> = {};
    for (const { file, graphs } of demoScenarios(path.join(repoRoot, 'examples'))) {
      const base = graphs[0];
      if (!base) continue;
      const name = `${DEMO}${file.replace('.json', '')}`;
      const [s] = await db
        .insert(scenarios)
        .values({ name, status: 'live', draft: graphs.at(-1) })
        .returning({ id: scenarios.id });
      if (!s) throw new Error('no scenario row');
      out[file.replace('.json', '')] = s.id;
      const versions = [];
      for (const [i, g] of graphs.entries()) {
        const plan = compile(g);
        const [v] = await db
          .insert(scenarioVersions)
          .values({
            scenarioId: s.id,
            version: i + 1,
            graph: g,
            plan,
            hash: plan.hash,
            publishedBy: 'seed:demo',
            publishedAt: new Date(START + i * 12 * DAY),
          })
          .returning({ id: scenarioVersions.id });
        if (v) versions.push({ id: v.id, at: START + i * 12 * DAY, graph: g });
      }
      const live = versions.at(-1);
      await db
        .update(scenarios)
        .set({ liveVersionId: live?.id })
        .where(inArray(scenarios.id, [s.id]));
      const trigger = base.nodes.find((n) => n.kind === 'trigger');
      const kind = trigger?.kind === 'trigger' ? trigger.data.trigger.type : 'friend_added';
      const triggerExamples =
        trigger?.kind === 'trigger' && trigger.data.trigger.type === 'event' ? eventExamples(trigger.data.trigger.eventName) : [];
      const entrants = people.filter((p) =>
        kind === 'friend_added' ? p.addedAt >= START : rnd() < (kind === 'segment_broadcast' ? 0.6 : 0.3),
      );
      let n = 0;
      for (const p of entrants) {
        const at =
          kind === 'friend_added'
            ? p.addedAt
            : kind === 'segment_broadcast'
              ? NOW - 10 * DAY + rnd() * 3600_000
              : START + rnd() * (HISTORY_DAYS - 1) * DAY;
        const v = [...versions].reverse().find((x) => x.at <= at) ?? versions[0];
        if (!v) continue;
        // An event-triggered run starts from a stored event, as the engine's do (the forecast reads the trigger's rate
        // from these rows): each entry writes its event first.
        const enter = (when: number, runNo: number) => {
          let properties: Record<string, unknown> | null = null;
          if (trigger?.kind === 'trigger' && trigger.data.trigger.type === 'event') {
            // Not drawn with rnd(): the rest of the demo stays as it was before these rows existed.
            properties = triggerExamples[rows.events.length % Math.max(1, triggerExamples.length)] ?? {};
            rows.events.push({
              friendId: p.id,
              name: trigger.data.trigger.eventName,
              occurredAt: new Date(when),
              properties,
              source: 'api',
            });
          }
          walk(v.graph, { scenarioId: s.id, versionId: v.id }, p, when, rows, runNo, properties);
        };
        enter(at, 1);
        if (kind === 'event' && rnd() < 0.15) enter(Math.min(NOW - DAY, at + 8 * DAY), 2);
        n++;
      }
      made.push(`${name}: ${versions.length} version(s), ${n} friends entered`);
    }
    await insertChunks(
      people.map((p, i) => ({
        id: p.id,
        lineUserId: `Udemo${String(i).padStart(27, '0')}`,
        memberId: p.linked ? `M${100000 + i}` : null,
        displayName: p.name,
        attributes: p.attributes,
        friendAddedAt: new Date(p.addedAt),
        blockedAt: p.blockedAt !== null && p.blockedAt <= NOW ? new Date(p.blockedAt) : null,
      })),
      (c) => db.insert(friends).values(c),
    );
    await insertChunks(rows.runs, (c) => db.insert(runs).values(c));
    await insertChunks(rows.steps, (c) => db.insert(runSteps).values(c));
    await insertChunks(rows.sends, (c) => db.insert(outbox).values(c));
    await insertChunks(rows.events, (c) => db.insert(events).values(c));
    // Fresh statistics, so the first analytics query after the load is planned for the rows it will read.
    await db.execute(sql`analyze friends, runs, run_steps, outbox, events`);
    for (const m of made) log(`  ${m}`);
    log(
      `inserted ${people.length} friends, ${rows.runs.length} runs, ${rows.steps.length} run steps, ${rows.sends.length} sends, ${rows.events.length} events (triggers, clicks, purchases); ${people.filter((p) => p.blockedAt !== null && p.blockedAt <= NOW).length} friends blocked`,
    );
    log('open /scenarios and pick a 【デモ】 scenario → 分析 / レポート');
    return out;
  } finally {
    await close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const days = process.argv.indexOf('--days');
  await seedDemo(env().DATABASE_URL ?? 'postgres://kizuna:kizuna@127.0.0.1:54329/kizuna', console.log, {
    historyDays: days > 0 ? Number(process.argv[days + 1]) : 30,
  });
}
