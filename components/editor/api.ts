// The editor's calls to /api/scenarios, each answer read through zod (the server's word is not trusted blindly).
import { z } from 'zod';
import { DraftGraphSchema } from '@/scenario/draft';
import { ForecastViewSchema } from '@/lib/forecast/view';
import { FriendSnapshotSchema } from '@/scenario/friend';

const IssueSchema = z.object({
  code: z.string().default(''),
  message: z.string(),
  messageJa: z.string().optional(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])),
});
const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(IssueSchema).default([]),
    currentRevision: z.number().optional(),
  }),
});
export type ApiError = z.infer<typeof ErrorSchema>['error'];
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

async function call<T>(url: string, schema: z.ZodType<T>, init?: RequestInit): Promise<ApiResult<T>> {
  try {
    const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } });
    const json: unknown = await res.json().catch(() => null);
    if (res.ok) {
      const data = schema.safeParse(json);
      return data.success
        ? { ok: true, data: data.data }
        : { ok: false, error: { code: 'internal', message: 'unexpected answer from the server', issues: [] } };
    }
    const err = ErrorSchema.safeParse(json);
    return { ok: false, error: err.success ? err.data.error : { code: 'internal', message: `HTTP ${res.status}`, issues: [] } };
  } catch (e) {
    return { ok: false, error: { code: 'unavailable', message: e instanceof Error ? e.message : String(e), issues: [] } };
  }
}

const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
const Instant = z.coerce.date();

export const ScenarioStatusSchema = z.enum(['draft', 'live', 'paused', 'stopped']);
export type ScenarioStatus = z.infer<typeof ScenarioStatusSchema>;

export const LiveSchema = z.object({
  id: z.string(),
  version: z.number(),
  graph: DraftGraphSchema.nullable(),
  publishedAt: Instant,
  publishedBy: z.string(),
});
export const ScenarioDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: ScenarioStatusSchema,
  draft: DraftGraphSchema,
  draftRevision: z.number(),
  live: LiveSchema.nullable(),
});

export const api = {
  createScenario: (name: string) => call('/api/scenarios', z.object({ id: z.string() }), post({ name })),
  scenario: (id: string) => call(`/api/scenarios/${id}`, ScenarioDetailSchema),
  publish: (id: string) =>
    call(`/api/scenarios/${id}/publish`, z.object({ versionId: z.string(), version: z.number(), hash: z.string() }), post({})),
  versions: (id: string) =>
    call(
      `/api/scenarios/${id}/versions`,
      z.object({
        versions: z.array(
          z.object({ id: z.string(), version: z.number(), hash: z.string(), publishedBy: z.string(), publishedAt: Instant }),
        ),
      }),
    ),
  setStatus: (id: string, action: 'pause' | 'resume' | 'stop') =>
    call(`/api/scenarios/${id}/status`, z.object({ status: ScenarioStatusSchema, activeRuns: z.number().optional() }), post({ action })),
  testRun: (id: string, friendId: string, compress: number) =>
    call(`/api/scenarios/${id}/test-run`, z.object({ runId: z.string() }), post({ friendId, compress })),
  previewFriends: (id: string, q: string) =>
    call(
      `/api/scenarios/${id}/preview-friends?q=${encodeURIComponent(q)}`,
      z.object({ friends: z.array(z.object({ id: z.string(), displayName: z.string(), isTest: z.boolean(), friendAddedAt: Instant })) }),
    ),
  forecast: (id: string) => call(`/api/scenarios/${id}/forecast`, ForecastViewSchema),
  friendSnapshot: (id: string, friendId: string) =>
    call(`/api/scenarios/${id}/preview-friends/${friendId}`, z.object({ friend: FriendSnapshotSchema })),
};
