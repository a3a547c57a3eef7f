// Scenario-level analytics: the funnel of a cohort of runs and daily series in Japan time; definitions in docs/metrics.md.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../client';
import { goalsTable, notTestFriend, type AnalyticsScope, type VersionGoal } from './analytics';

export interface Funnel {
  /** Unique friends whose run started in range (the cohort). */
  entered: number;
  /** Of those, friends sent at least one message by these runs. */
  sent: number;
  /** Friends who tapped a tracked link of these runs. */
  clicked: number;
  /** Friends who had the goal within the window after their run started; null with no goal in scope. */
  converted: number | null;
  /** Friends who blocked within 72 h after a send of these runs. */
  blocked: number;
}

export interface DayFigures {
  /** yyyy-mm-dd in Asia/Tokyo. */
  day: string;
  entries: number;
  sends: number;
  clicks: number;
  conversions: number;
  blocks: number;
}

const int = z.coerce.number().int();
const FunnelRowSchema = z.object({ entered: int, sent: int, clicked: int, converted: int, blocked: int });
const DayRowSchema = z.object({ day: z.string(), entries: int, sends: int, clicks: int, conversions: int, blocks: int });

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const versionFilter = (versionId: string | null) => (versionId ? sql`and r.version_id = ${versionId}::uuid` : sql``);

export async function scenarioFunnel(db: DbOrTx, scope: AnalyticsScope, goals: readonly VersionGoal[]): Promise<Funnel> {
  const inScope = scope.versionId ? goals.filter((g) => g.versionId === scope.versionId) : goals;
  const rows = await db.execute(sql`
    with r as (
      select r.id, r.friend_id, r.version_id, r.started_at from runs r
      where r.scenario_id = ${scope.scenarioId}::uuid and r.started_at >= ${ts(scope.from)} and r.started_at < ${ts(scope.to)}
        and not r.is_test ${versionFilter(scope.versionId)} and ${notTestFriend(sql`r.friend_id`)}
    ),
    sent as (
      select o.friend_id, o.sent_at from outbox o join r on r.id = o.run_id
      where o.status = 'sent' and o.sent_at is not null and not o.is_test
    )
    select
      (select count(distinct friend_id) from r) as entered,
      (select count(distinct friend_id) from sent) as sent,
      (select count(distinct e.friend_id) from events e join r on r.friend_id = e.friend_id and e.properties->>'runId' = r.id
        where e.name = 'link_click' and not e.is_test) as clicked,
      (select count(distinct r.friend_id) from r join ${goalsTable(inScope)} g on g."versionId" = r.version_id
        where exists (select 1 from events e where e.friend_id = r.friend_id and e.name = g."eventName" and not e.is_test
          and e.occurred_at >= r.started_at and e.occurred_at <= r.started_at + make_interval(days => g."windowDays"))) as converted,
      (select count(distinct s.friend_id) from sent s join friends f on f.id = s.friend_id
        where f.blocked_at > s.sent_at and f.blocked_at <= s.sent_at + interval '72 hours') as blocked`);
  const row = FunnelRowSchema.parse(rows[0]);
  return { ...row, converted: inScope.length > 0 ? row.converted : null };
}

/** One row per Japan-time calendar day of the range, zeros included. */
export async function dailySeries(db: DbOrTx, scope: AnalyticsScope, goals: readonly VersionGoal[]): Promise<DayFigures[]> {
  const inScope = scope.versionId ? goals.filter((g) => g.versionId === scope.versionId) : goals;
  const from = ts(scope.from);
  const to = ts(scope.to);
  const jst = (col: ReturnType<typeof sql>) => sql`((${col}) at time zone 'Asia/Tokyo')::date`;
  const rows = await db.execute(sql`
    with r as (
      select r.id, r.friend_id, r.version_id, r.started_at from runs r
      where r.scenario_id = ${scope.scenarioId}::uuid and r.started_at < ${to}
        and not r.is_test ${versionFilter(scope.versionId)} and ${notTestFriend(sql`r.friend_id`)}
    ),
    days as (
      select d::date as day from generate_series(${jst(from)}, ${jst(sql`${to} - interval '1 microsecond'`)}, interval '1 day') as d
    ),
    entries as (
      select ${jst(sql`started_at`)} as day, count(distinct friend_id) as n from r where started_at >= ${from} group by 1
    ),
    sends as (
      select ${jst(sql`o.sent_at`)} as day, count(*) as n from outbox o join r on r.id = o.run_id
      where o.status = 'sent' and not o.is_test and o.sent_at >= ${from} and o.sent_at < ${to} group by 1
    ),
    clicks as (
      select ${jst(sql`e.occurred_at`)} as day, count(distinct e.friend_id) as n from events e join r on r.id = e.properties->>'runId'
      where e.name = 'link_click' and not e.is_test and e.occurred_at >= ${from} and e.occurred_at < ${to} group by 1
    ),
    conv as (
      select ${jst(sql`c.at`)} as day, count(distinct c.friend_id) as n from (
        select r.friend_id, (select min(e.occurred_at) from events e where e.friend_id = r.friend_id and e.name = g."eventName" and not e.is_test
          and e.occurred_at >= r.started_at and e.occurred_at <= r.started_at + make_interval(days => g."windowDays")) as at
        from r join ${goalsTable(inScope)} g on g."versionId" = r.version_id
        where r.started_at >= ${from} - make_interval(days => g."windowDays")
      ) c where c.at >= ${from} and c.at < ${to} group by 1
    ),
    blocks as (
      select ${jst(sql`f.blocked_at`)} as day, count(distinct f.id) as n from friends f
      where f.blocked_at >= ${from} and f.blocked_at < ${to} and exists (
        select 1 from outbox o join r on r.id = o.run_id
        where o.friend_id = f.id and o.status = 'sent' and not o.is_test and o.sent_at < f.blocked_at and o.sent_at >= f.blocked_at - interval '72 hours')
      group by 1
    )
    select to_char(days.day, 'YYYY-MM-DD') as day, coalesce(entries.n, 0) as entries, coalesce(sends.n, 0) as sends,
      coalesce(clicks.n, 0) as clicks, coalesce(conv.n, 0) as conversions, coalesce(blocks.n, 0) as blocks
    from days
    left join entries on entries.day = days.day left join sends on sends.day = days.day left join clicks on clicks.day = days.day
    left join conv on conv.day = days.day left join blocks on blocks.day = days.day
    order by days.day`);
  return rows.map((r) => DayRowSchema.parse(r));
}
