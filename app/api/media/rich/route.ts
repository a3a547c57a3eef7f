// POST /api/media/rich { data: base64 }: an operator's JPEG or PNG for a rich message (リッチメッセージ), judged like any
// upload and held to LINE's imagemap width: at least 1040 px wide, a wider one scaled down to 1040; answers its baseUrl.
// policy: session, scenarios:edit
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { parseOrThrow } from '@/lib/errors';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/read-body';
import { imageProblemError } from '@/lib/media/image-problem-error';
import { storeRichImage } from '@/lib/media/rich-image';

const UploadSchema = z.object({ data: z.base64() });

export const POST = sessionRoute('scenarios:edit', async (req: Request, _ctx: unknown, caller) => {
  const { data } = parseOrThrow(UploadSchema, await readJsonBody(req, BODY_LIMITS.mediaUpload));
  const deps = appDeps();
  const r = await storeRichImage(deps.db, deps.appBaseUrl, { bytes: Buffer.from(data, 'base64'), createdBy: caller.operator.email });
  if (!r.ok) throw imageProblemError(r.problem);
  return Response.json(r.image, { status: r.image.created ? 201 : 200 });
});
