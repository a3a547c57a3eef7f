// LINE's rich-menu endpoints (api.line.me, and api-data.line.me for the image), with LINE's status codes and errors.
import type { ErrorDetail } from './openapi-validator';
import {
  AliasBody,
  RICH_MENU_IMAGE_MAX_BYTES,
  RichMenuBody,
  UpdateAliasBody,
  imageProblem,
  isAliasId,
  jstDayOf,
  newRichMenuId,
  richMenuInsightSummary,
  richMenuProblems,
} from './rich-menus';
import type { Ctx, Reply, Route } from './routes-messaging';
import type { Outcome } from './state';

const fail = (status: number, outcome: Outcome, message: string, problems: ErrorDetail[] = []): Reply => ({
  status,
  outcome,
  problems,
  body: problems.length > 0 ? { message, details: problems } : { message },
});
const ok = (body: unknown = {}): Reply => ({ status: 200, outcome: 'accepted', body });
const notFound = (what: string): Reply => fail(404, 'not_found', `Not found (${what})`);

function create(ctx: Ctx, validateOnly: boolean): Reply {
  const problems = richMenuProblems(ctx.body);
  if (problems.length > 0) return fail(400, 'invalid', 'A rich menu object is invalid', problems);
  if (validateOnly) return ok();
  const richMenuId = newRichMenuId();
  ctx.deps.state.richMenus.menus.set(richMenuId, { richMenuId, body: RichMenuBody.parse(ctx.body), image: null });
  return ok({ richMenuId });
}

function upload(ctx: Ctx): Reply {
  const rm = ctx.deps.state.richMenus;
  const menu = rm.menus.get(ctx.params.richMenuId ?? '');
  if (!menu) return notFound('richmenu');
  if (menu.image) return fail(400, 'rejected', 'An image has already been uploaded to the richmenu');
  const bytes = ctx.bytes ?? Buffer.alloc(0);
  const contentType = (ctx.contentType ?? '').split(';')[0]?.trim() ?? '';
  // LINE answers 413 for an image over 1 MB (the 2 MB body cap answers the same before this).
  if (bytes.length > RICH_MENU_IMAGE_MAX_BYTES) return fail(413, 'invalid', 'The image exceeds the maximum size of 1 MB');
  const problem = imageProblem(menu, contentType, bytes);
  if (problem) return fail(400, 'invalid', problem);
  menu.image = { contentType, bytes };
  return ok();
}

function needsImage(ctx: Ctx, richMenuId: string): Reply | null {
  const menu = ctx.deps.state.richMenus.menus.get(richMenuId);
  if (!menu) return notFound('richmenu');
  if (!menu.image) return fail(400, 'rejected', 'must upload richmenu image before applying it to user');
  return null;
}

const DAY_MS = 86_400_000;

/** GET /v2/bot/insight/richmenu/{id}/summary: `from` and `to` as insight.yml says (yyyyMMdd JST, ≤ 396 days, ≤ 3 years back). */
function insightSummary(ctx: Ctx): Reply {
  const q = ctx.query ?? new URLSearchParams();
  const problems: ErrorDetail[] = [];
  const day = (name: 'from' | 'to'): number | null => {
    const v = q.get(name);
    if (v === null) problems.push({ message: 'Must be specified', property: name });
    else if (!/^[0-9]{8}$/.test(v)) problems.push({ message: 'Must match "^[0-9]{8}$"', property: name });
    else if (jstDayOf(v) === null) problems.push({ message: 'Must be a date in yyyyMMdd', property: name });
    return v === null ? null : jstDayOf(v);
  };
  const from = day('from');
  const to = day('to');
  // A missing or malformed date breaks the spec (the request is counted invalid); a bad range is LINE's own refusal.
  if (problems.length > 0 || from === null || to === null)
    return { ...fail(400, 'invalid', 'The request has invalid parameters', problems), valid: false };
  const today = Math.floor((ctx.deps.now() + 9 * 3_600_000) / DAY_MS);
  if (to < from) return fail(400, 'invalid', 'The end date must not be before the start date');
  if (to - from > 396) return fail(400, 'invalid', 'The end date can be at most 396 days after the start date');
  // "Within the most recent 3 years": 3 × 365 days plus a leap day, counted back from today (JST).
  if (from < today - 3 * 365 - 1) return fail(400, 'invalid', 'The start date must be within the most recent 3 years');
  const menu = ctx.deps.state.richMenus.menus.get(ctx.params.richMenuId ?? '');
  if (!menu) return notFound('richmenu');
  return ok(richMenuInsightSummary(ctx.deps.state.richMenus, menu, { from, to }));
}

/** The rich-menu routes, before the generic ones (`alias`, `list` and `validate` are not menu ids). */
export const RICH_MENU_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: '/v2/bot/insight/richmenu/:richMenuId/summary',
    endpoint: 'insight/richmenu',
    bucket: 'other',
    handle: insightSummary,
  },
  {
    method: 'POST',
    pattern: '/v2/bot/richmenu',
    endpoint: 'richmenu',
    bucket: 'other',
    schema: 'RichMenuRequest',
    handle: (c) => create(c, false),
  },
  {
    method: 'POST',
    pattern: '/v2/bot/richmenu/validate',
    endpoint: 'richmenu',
    bucket: 'other',
    schema: 'RichMenuRequest',
    handle: (c) => create(c, true),
  },
  {
    method: 'GET',
    pattern: '/v2/bot/richmenu/list',
    endpoint: 'richmenu',
    bucket: 'other',
    handle: ({ deps }) => ok({ richmenus: [...deps.state.richMenus.menus.values()].map((m) => ({ richMenuId: m.richMenuId, ...m.body })) }),
  },
  {
    method: 'POST',
    pattern: '/v2/bot/richmenu/alias',
    endpoint: 'richmenu/alias',
    bucket: 'other',
    schema: 'CreateRichMenuAliasRequest',
    handle: (c) => {
      const { richMenuAliasId, richMenuId } = AliasBody.parse(c.body);
      if (!isAliasId(richMenuAliasId))
        return fail(400, 'invalid', 'richMenuAliasId is invalid', [{ message: 'Invalid alias id', property: 'richMenuAliasId' }]);
      const rm = c.deps.state.richMenus;
      if (rm.aliases.has(richMenuAliasId)) return fail(400, 'conflict', 'conflict richmenu alias id');
      const missing = needsImage(c, richMenuId);
      if (missing) return missing.status === 404 ? fail(400, 'rejected', 'richmenu not found') : missing;
      rm.aliases.set(richMenuAliasId, richMenuId);
      return ok();
    },
  },
  {
    method: 'GET',
    pattern: '/v2/bot/richmenu/alias/list',
    endpoint: 'richmenu/alias',
    bucket: 'other',
    handle: ({ deps }) =>
      ok({ aliases: [...deps.state.richMenus.aliases].map(([richMenuAliasId, richMenuId]) => ({ richMenuAliasId, richMenuId })) }),
  },
  {
    method: 'GET',
    pattern: '/v2/bot/richmenu/alias/:aliasId',
    endpoint: 'richmenu/alias',
    bucket: 'other',
    handle: ({ params, deps }) => {
      const richMenuId = deps.state.richMenus.aliases.get(params.aliasId ?? '');
      return richMenuId ? ok({ richMenuAliasId: params.aliasId, richMenuId }) : notFound('richmenu alias');
    },
  },
  {
    method: 'POST',
    pattern: '/v2/bot/richmenu/alias/:aliasId',
    endpoint: 'richmenu/alias',
    bucket: 'other',
    schema: 'UpdateRichMenuAliasRequest',
    handle: (c) => {
      const rm = c.deps.state.richMenus;
      const aliasId = c.params.aliasId ?? '';
      if (!rm.aliases.has(aliasId)) return fail(400, 'rejected', 'richmenu alias not found');
      const { richMenuId } = UpdateAliasBody.parse(c.body);
      const missing = needsImage(c, richMenuId);
      if (missing) return missing.status === 404 ? fail(400, 'rejected', 'richmenu not found') : missing;
      rm.aliases.set(aliasId, richMenuId);
      return ok();
    },
  },
  {
    method: 'DELETE',
    pattern: '/v2/bot/richmenu/alias/:aliasId',
    endpoint: 'richmenu/alias',
    bucket: 'other',
    handle: ({ params, deps }) => (deps.state.richMenus.aliases.delete(params.aliasId ?? '') ? ok() : notFound('richmenu alias')),
  },
  {
    method: 'POST',
    pattern: '/v2/bot/richmenu/:richMenuId/content',
    endpoint: 'richmenu/content',
    bucket: 'other',
    handle: upload,
  },
  {
    method: 'GET',
    pattern: '/v2/bot/richmenu/:richMenuId',
    endpoint: 'richmenu',
    bucket: 'other',
    handle: ({ params, deps }) => {
      const m = deps.state.richMenus.menus.get(params.richMenuId ?? '');
      return m ? ok({ richMenuId: m.richMenuId, ...m.body }) : notFound('richmenu');
    },
  },
  {
    method: 'DELETE',
    pattern: '/v2/bot/richmenu/:richMenuId',
    endpoint: 'richmenu',
    bucket: 'other',
    handle: ({ params, deps }) => {
      const rm = deps.state.richMenus;
      const id = params.richMenuId ?? '';
      if (!rm.menus.delete(id)) return notFound('richmenu');
      if (rm.defaultId === id) rm.defaultId = null;
      for (const [u, m] of rm.userLinks) if (m === id) rm.userLinks.delete(u);
      return ok();
    },
  },
  {
    method: 'POST',
    pattern: '/v2/bot/user/all/richmenu/:richMenuId',
    endpoint: 'richmenu/default',
    bucket: 'other',
    handle: (c) => {
      const id = c.params.richMenuId ?? '';
      const missing = needsImage(c, id);
      if (missing) return missing;
      c.deps.state.richMenus.defaultId = id;
      return ok();
    },
  },
  {
    method: 'GET',
    pattern: '/v2/bot/user/all/richmenu',
    endpoint: 'richmenu/default',
    bucket: 'other',
    handle: ({ deps }) =>
      deps.state.richMenus.defaultId ? ok({ richMenuId: deps.state.richMenus.defaultId }) : notFound('default richmenu'),
  },
  {
    method: 'DELETE',
    pattern: '/v2/bot/user/all/richmenu',
    endpoint: 'richmenu/default',
    bucket: 'other',
    handle: ({ deps }) => {
      deps.state.richMenus.defaultId = null;
      return ok();
    },
  },
  {
    method: 'POST',
    pattern: '/v2/bot/user/:userId/richmenu/:richMenuId',
    endpoint: 'richmenu/user',
    bucket: 'other',
    handle: (c) => {
      const userId = c.params.userId ?? '';
      if (!/^U[0-9a-f]{32}$/.test(userId)) return fail(400, 'invalid', 'The value for the userId is invalid');
      const id = c.params.richMenuId ?? '';
      const missing = needsImage(c, id);
      if (missing) return missing;
      c.deps.state.richMenus.userLinks.set(userId, id);
      return ok();
    },
  },
  {
    method: 'GET',
    pattern: '/v2/bot/user/:userId/richmenu',
    endpoint: 'richmenu/user',
    bucket: 'other',
    handle: ({ params, deps }) => {
      const id = deps.state.richMenus.userLinks.get(params.userId ?? '');
      return id ? ok({ richMenuId: id }) : notFound('the user has no rich menu linked');
    },
  },
  {
    method: 'DELETE',
    pattern: '/v2/bot/user/:userId/richmenu',
    endpoint: 'richmenu/user',
    bucket: 'other',
    handle: ({ params, deps }) => {
      deps.state.richMenus.userLinks.delete(params.userId ?? '');
      return ok();
    },
  },
];
