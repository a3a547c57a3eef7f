// The forecast as the editor receives it (GET /api/scenarios/:id/forecast), parsed with zod on the client's side.
import { z } from 'zod';

export const RangeSchema = z.object({ expected: z.number(), low: z.number(), high: z.number() });

const MonthOutlookSchema = z.object({
  messages: RangeSchema,
  yen: RangeSchema,
  refused: RangeSchema,
  withoutScenario: z.number(),
  scenarioYen: RangeSchema,
});

export const ForecastViewSchema = z.object({
  forecast: z.object({
    start: z.number(),
    days: z.number(),
    level: z.number(),
    sampleSize: z.number(),
    entriesPerDay: RangeSchema,
    perDay: z.array(z.object({ date: z.string(), messages: RangeSchema })),
    perNode: z.record(z.string(), z.object({ total: RangeSchema, perDay: z.array(RangeSchema) })),
    byMonth: z.array(z.object({ month: z.string(), messages: RangeSchema })),
    total: RangeSchema,
  }),
  basis: z.object({ observedEntries: z.number(), windowDays: z.number(), inFlight: z.number() }),
  /** Null when LINE has never answered the quota request. */
  quota: z
    .object({
      plan: z.object({
        id: z.string(),
        name: z.object({ ja: z.string(), en: z.string() }),
        freeMessages: z.number(),
        monthlyFee: z.number(),
      }),
      pricesAsOf: z.string(),
      quota: z.number(),
      used: z.number(),
      /** Of `used`, this scenario's own messages (not part of the rest of the account's pace). */
      ownUsed: z.number(),
      readAt: z.number(),
      live: z.boolean(),
      thisMonth: MonthOutlookSchema.extend({ month: z.string() }),
      fullMonth: MonthOutlookSchema,
      verdict: z.enum(['within', 'maybe', 'over']),
    })
    .nullable(),
});
export type ForecastView = z.infer<typeof ForecastViewSchema>;
export type QuotaView = NonNullable<ForecastView['quota']>;
