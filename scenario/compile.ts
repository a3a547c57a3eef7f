// compile(): a validated graph becomes an immutable, position-free plan with resolved outputs and a content hash.
import { z } from 'zod';
import { ScenarioInvalidError } from './errors';
import { canonicalHash } from './hash';
import { outputsOf, planNodeSchemas } from './nodes';
import { IdSchema } from './primitives';
import { DEFAULT_ACCOUNT_QUIET_HOURS, resolveQuietHours, type AccountQuietHours } from './quiet-hours';
import { PlanSettingsSchema } from './schema';
import { validateAndParse, type ValidateContext, type ValidationIssue } from './validate';

export const PLAN_VERSION = 1;

/** A plan node: `{ id, kind, data, next }`, one member per kind in the registry. */
export const PlanNodeSchema = z.discriminatedUnion('kind', planNodeSchemas);
export type PlanNode = z.infer<typeof PlanNodeSchema>;

export const CompiledPlanSchema = z.object({
  planVersion: z.literal(PLAN_VERSION),
  /** sha-256 of the canonical plan content: same graph (whatever the positions, labels or order) → same hash. */
  hash: z.string(),
  entry: IdSchema,
  settings: PlanSettingsSchema,
  nodes: z.record(z.string(), PlanNodeSchema),
  limits: z.object({
    /** Node transitions one input may cause; a wait-less path can visit each node at most once. */
    maxStepsPerInput: z.number().int().positive(),
    /** Node transitions over the whole run (a daily loop for ten years stays well below). */
    maxSteps: z.number().int().positive(),
  }),
});
export type CompiledPlan = z.infer<typeof CompiledPlanSchema>;

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

export function planHash(content: Omit<CompiledPlan, 'hash'>): string {
  return canonicalHash(content);
}

export type CompileResult = { ok: true; plan: CompiledPlan } | { ok: false; issues: ValidationIssue[] };
/** What compiling needs beyond validating: the account default a draft's `quietHours: 'account'` resolves to. */
export type CompileContext = ValidateContext & { accountQuietHours?: AccountQuietHours };

export function compileOrIssues(graph: unknown, ctx: CompileContext = {}): CompileResult {
  const { issues, graph: g } = validateAndParse(graph, ctx);
  if (issues.length > 0 || !g) return { ok: false, issues };
  const nodes: Record<string, PlanNode> = {};
  const ids = g.nodes.map((n) => n.id).sort();
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const targets = new Map(g.edges.map((e) => [`${e.source}\u0000${e.sourceHandle}`, e.target]));
  for (const id of ids) {
    const n = byId.get(id);
    if (!n) continue;
    const links: Record<string, string> = {};
    for (const output of outputsOf(n)) {
      const target = targets.get(`${id}\u0000${output}`);
      if (target !== undefined) links[output] = target;
    }
    nodes[id] = PlanNodeSchema.parse({ id, kind: n.kind, data: n.data, next: links });
  }
  const entry = g.nodes.find((n) => n.kind === 'trigger')?.id ?? '';
  // The plan pins the window the runs obey: a later change of the account default never reaches a published version.
  const { quietHours: setting, ...rest } = g.settings;
  const quietHours = resolveQuietHours(setting, ctx.accountQuietHours ?? DEFAULT_ACCOUNT_QUIET_HOURS);
  const content = {
    planVersion: PLAN_VERSION,
    entry,
    settings: { ...rest, ...(quietHours ? { quietHours } : {}) },
    nodes,
    limits: { maxStepsPerInput: ids.length + 2, maxSteps: 100_000 },
  } satisfies Omit<CompiledPlan, 'hash'>;
  return { ok: true, plan: deepFreeze({ ...content, hash: planHash(content) }) };
}

/** Compiles a graph or throws ScenarioInvalidError carrying every issue. */
export function compile(graph: unknown, ctx: CompileContext = {}): CompiledPlan {
  const r = compileOrIssues(graph, ctx);
  if (!r.ok) throw new ScenarioInvalidError(r.issues);
  return r.plan;
}

/** Reads a stored plan (jsonb, workflow input) back, checking its hash still matches its content. */
export function parsePlan(json: unknown): CompiledPlan {
  const plan = CompiledPlanSchema.parse(json);
  const { hash, ...content } = plan;
  if (planHash(content) !== hash) throw new Error('plan content does not match its hash');
  return plan;
}
