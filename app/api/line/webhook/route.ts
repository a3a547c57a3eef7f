// LINE webhook: verify and store within LINE's 2 s, then process each new event after the response is sent. The body is
// capped at 1 MB (413 before the signature is checked: nothing over the cap is ever buffered).
import { after } from 'next/server';
import { appDeps } from '@/lib/app-deps';
import { publicRoute } from '@/lib/auth/guard';
import { toResponse } from '@/lib/errors';
import { BODY_LIMITS, readCappedBody } from '@/lib/http/read-body';
import { processWebhookEvent } from '@/lib/line/process-event';
import { receiveWebhook } from '@/lib/line/receive-webhook';
import { processWebhookBacklog } from '@/lib/line/webhook-backlog';
import { logError } from '@/lib/log';

export const POST = publicRoute('line_signature', async (request: Request): Promise<Response> => {
  try {
    const bytes = await readCappedBody(request, BODY_LIMITS.lineWebhook);
    const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const deps = appDeps();
    const { newEventIds } = await receiveWebhook(deps, raw, request.headers.get('x-line-signature'));
    after(async () => {
      // In order: a follow must be applied before the message that came right after it.
      for (const id of newEventIds) {
        await processWebhookEvent(deps, id).catch((err: unknown) => logError(`webhook event ${id} failed`, err));
      }
      await processWebhookBacklog(deps).catch((err: unknown) => logError('webhook backlog failed', err));
    });
    return Response.json({});
  } catch (err) {
    return toResponse(err);
  }
});
