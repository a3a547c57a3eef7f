// The editor's forecast of a scenario's draft: the next 30 days from history, and what they mean on the account's LINE plan.
import 'server-only';
import type { DbOrTx } from '@/db/client';
import { sentCount } from '@/db/queries/forecast';
import { DEFAULT_LINE_PLANS, type LinePlanTable } from '@/scenario/line-plans';
import { monthStartOf, quotaOutlook } from '@/scenario/quota-outlook';
import { compileDraft } from '../engine/compile-draft';
import type { LineClient } from '../line/client';
import { quotaGauge } from '../line/quota-gauge';
import { loadForecast } from './load-forecast';
import type { ForecastView } from './view';

export async function scenarioForecast(
  deps: { db: DbOrTx; line: LineClient; plans?: LinePlanTable },
  args: { scenarioId: string; now: Date },
): Promise<ForecastView> {
  const { plan } = await compileDraft(deps.db, args.scenarioId);
  const monthStart = new Date(monthStartOf(args.now.getTime(), plan.settings.timeZone));
  const [{ forecast, basis }, gauge, ownUsedThisMonth] = await Promise.all([
    loadForecast(deps.db, { plan, scenarioId: args.scenarioId, now: args.now }),
    // GET /v2/bot/message/quota and /quota/consumption (the last reading kept when LINE cannot be asked).
    quotaGauge(deps.db, deps.line),
    // A live scenario's own sends this month are in LINE's count; its future is the forecast, not the account's pace.
    sentCount(deps.db, args.scenarioId, { since: monthStart, until: args.now }),
  ]);
  const reading = gauge.quota;
  const outlook = reading
    ? quotaOutlook({
        table: deps.plans ?? DEFAULT_LINE_PLANS,
        reading,
        forecast,
        now: args.now.getTime(),
        timeZone: plan.settings.timeZone,
        ownUsedThisMonth,
      })
    : null;
  return {
    forecast,
    basis: { observedEntries: basis.observedEntries, windowDays: basis.windowDays, inFlight: basis.inFlight },
    quota:
      outlook && reading
        ? {
            ...outlook,
            plan: {
              id: outlook.plan.id,
              name: outlook.plan.name,
              freeMessages: outlook.plan.freeMessages,
              monthlyFee: outlook.plan.monthlyFee,
            },
            readAt: reading.readAt,
            live: gauge.live,
          }
        : null,
  };
}
