// POST /api/media { data: base64 }: an operator's JPEG or PNG for image messages and cards, judged by its bytes (LINE's
// 10 MB, at least 50 px a side), stored once per distinct file with a sharp-made preview; answers the https URLs.
// policy: session, scenarios:edit
import { z } from 'zod';
import { appDeps } from '@/lib/app-deps';
import { sessionRoute } from '@/lib/auth/guard';
import { parseOrThrow } from '@/lib/errors';
import { BODY_LIMITS, readJsonBody } from '@/lib/http/read-body';
import { imageProblemError } from '@/lib/media/image-problem-error';
import { storeUploadedImage } from '@/lib/media/store-image';

const UploadSchema = z.object({ data: z.base64() });

export const POST = sessionRoute('scenarios:edit', async (req: Request, _ctx: unknown, caller) => {
  const { data } = parseOrThrow(UploadSchema, await readJsonBody(req, BODY_LIMITS.mediaUpload));
  const deps = appDeps();
  const r = await storeUploadedImage(deps.db, deps.appBaseUrl, { bytes: Buffer.from(data, 'base64'), createdBy: caller.operator.email });
  if (!r.ok) throw imageProblemError(r.problem);
  return Response.json(r.image, { status: r.image.created ? 201 : 200 });
});
