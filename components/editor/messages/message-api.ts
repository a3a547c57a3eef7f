// The send step's calls to /api/media and /api/message-templates, each answer read through zod.
import { z } from 'zod';
import { checkUploadSize, type ImageProblem } from '@/scenario/image-upload';
import { LineMessageSchema, type LineMessage } from '@/scenario/messages';

const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

async function call<T>(
  url: string,
  schema: z.ZodType<T>,
  init?: RequestInit,
): Promise<{ ok: true; data: T } | { ok: false; code: string; message: string }> {
  try {
    const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } });
    const json: unknown = await res.json().catch(() => null);
    if (res.ok) {
      const data = schema.safeParse(json);
      return data.success ? { ok: true, data: data.data } : { ok: false, code: 'internal', message: 'unexpected answer from the server' };
    }
    const err = ErrorSchema.safeParse(json);
    return err.success ? { ok: false, ...err.data.error } : { ok: false, code: 'internal', message: `HTTP ${res.status}` };
  } catch (e) {
    return { ok: false, code: 'unavailable', message: e instanceof Error ? e.message : String(e) };
  }
}

export const StoredImageSchema = z.object({
  id: z.string(),
  originalContentUrl: z.string(),
  previewImageUrl: z.string(),
  width: z.number(),
  height: z.number(),
});
export type StoredImage = z.infer<typeof StoredImageSchema>;

/** Why an upload was refused: one of the image rules (worded by the UI), or another failure with the server's words. */
export type UploadRefusal = { code: ImageProblem['code'] } | { code: 'failed'; message: string };

const PROBLEM_BY_ERROR: Record<string, ImageProblem['code']> = {
  'too_large:image': 'image_too_large',
  // The body cap sits just above a 10 MB image in base64: anything over it is an image over 10 MB.
  'too_large:body': 'image_too_large',
  'invalid:image_empty': 'image_empty',
  'invalid:image_type': 'image_type',
  'invalid:image_too_small': 'image_too_small',
  'invalid:image_too_many_pixels': 'image_too_many_pixels',
  'invalid:image_unreadable': 'image_unreadable',
  'invalid:image_too_narrow': 'image_too_narrow',
};

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** Uploads a picked file; the server judges it by its bytes (the size is checked here first, to spare the upload). */
export async function uploadImage(file: File): Promise<{ ok: true; image: StoredImage } | { ok: false; refusal: UploadRefusal }> {
  return upload(file, '/api/media', StoredImageSchema);
}

export const RichImageSchema = StoredImageSchema.extend({ baseUrl: z.string() });
export type RichImage = z.infer<typeof RichImageSchema>;

/** Uploads a rich message's image: stored 1040 px wide (a wider one scaled down), served at the widths LINE asks for. */
export function uploadRichImage(file: File): Promise<{ ok: true; image: RichImage } | { ok: false; refusal: UploadRefusal }> {
  return upload(file, '/api/media/rich', RichImageSchema);
}

async function upload<T>(
  file: File,
  url: string,
  schema: z.ZodType<T>,
): Promise<{ ok: true; image: T } | { ok: false; refusal: UploadRefusal }> {
  const early = checkUploadSize(file.size);
  if (early) return { ok: false, refusal: { code: early.code } };
  let data: string;
  try {
    data = await base64Of(file);
  } catch (e) {
    return { ok: false, refusal: { code: 'failed', message: e instanceof Error ? e.message : String(e) } };
  }
  const r = await call(url, schema, { method: 'POST', body: JSON.stringify({ data }) });
  if (r.ok) return { ok: true, image: r.data };
  const code = PROBLEM_BY_ERROR[r.code];
  return { ok: false, refusal: code ? { code } : { code: 'failed', message: r.message } };
}

export const MessageTemplateSchema = z.object({ id: z.string(), name: z.string(), messages: z.array(LineMessageSchema) });
export type MessageTemplate = z.infer<typeof MessageTemplateSchema>;

export const templatesApi = {
  list: () => call('/api/message-templates', z.object({ templates: z.array(MessageTemplateSchema) })),
  save: (name: string, messages: LineMessage[]) =>
    call('/api/message-templates', z.object({ id: z.string() }), { method: 'POST', body: JSON.stringify({ name, messages }) }),
  remove: (id: string) => call(`/api/message-templates/${id}`, z.object({ deleted: z.string() }), { method: 'DELETE' }),
};
