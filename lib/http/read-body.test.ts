// Capped body reading: over the cap is refused after at most the cap plus one chunk, a declared length over it without
// reading, and JSON too deep or holding unstorable text is refused naming the problem.
import { describe, expect, it } from 'vitest';
import { CHUNK, countingBody, streamedRequest } from '@/test/counting-body';
import { AppError } from '../errors';
import { BODY_LIMITS, readCappedBody, readJsonBody, readTextBody } from './read-body';

const URL_ = 'http://kizuna.test/api/x';
const post = (body: string, headers: Record<string, string> = {}) => new Request(URL_, { method: 'POST', body, headers });

describe('readCappedBody', () => {
  it('refuses a 60 MB stream with 413 after pulling no more than the cap plus one chunk, and cancels it', async () => {
    const body = countingBody(60 * 1024 * 1024);
    const err = await readCappedBody(streamedRequest(URL_, 'POST', body), BODY_LIMITS.lineWebhook).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'too_large:body', status: 413, message: expect.stringContaining('1 MB') });
    expect(body.pulled).toBeGreaterThan(BODY_LIMITS.lineWebhook);
    expect(body.pulled).toBeLessThanOrEqual(BODY_LIMITS.lineWebhook + CHUNK);
    expect(body.cancelled).toBe(true);
  });

  it('refuses a declared Content-Length over the cap without reading a byte', async () => {
    const body = countingBody(3 * 1024 * 1024);
    const req = streamedRequest(URL_, 'POST', body, { 'content-length': String(3 * 1024 * 1024) });
    await expect(readCappedBody(req, 2 * 1024 * 1024)).rejects.toMatchObject({
      code: 'too_large:body',
      message: expect.stringContaining('2 MB'),
    });
    expect(body.pulled).toBe(0);
  });

  it('reads a body of exactly the cap, whole', async () => {
    const body = countingBody(BODY_LIMITS.lineWebhook, CHUNK, 0x61);
    const bytes = await readCappedBody(streamedRequest(URL_, 'POST', body), BODY_LIMITS.lineWebhook);
    expect(bytes.byteLength).toBe(BODY_LIMITS.lineWebhook);
    expect(bytes.every((b) => b === 0x61)).toBe(true);
  });

  it('answers no body as empty', async () => {
    expect((await readCappedBody(new Request(URL_, { method: 'POST' }), 10)).byteLength).toBe(0);
  });
});

describe('readTextBody', () => {
  it('decodes UTF-8 and drops a leading BOM (a CSV saved by Excel)', async () => {
    expect(await readTextBody(post('\ufeffline_user_id,名前\n'), 1024)).toBe('line_user_id,名前\n');
  });
});

describe('readJsonBody', () => {
  it('parses JSON', async () => {
    expect(await readJsonBody(post('{"a":[1,{"b":"ともだち"}]}'))).toEqual({ a: [1, { b: 'ともだち' }] });
  });

  it('refuses what is not JSON with invalid:json', async () => {
    await expect(readJsonBody(post('{"a":'))).rejects.toMatchObject({ code: 'invalid:json', status: 400 });
  });

  it('refuses nesting deeper than 64 levels, naming the limit, even 100,000 deep', async () => {
    expect(await readJsonBody(post('['.repeat(64) + ']'.repeat(64)))).toBeInstanceOf(Array);
    for (const depth of [65, 2000, 100_000]) {
      await expect(readJsonBody(post('['.repeat(depth) + ']'.repeat(depth)))).rejects.toMatchObject({
        code: 'invalid:json',
        message: 'the body is nested deeper than 64 levels',
      });
    }
  });

  it('refuses NUL characters and lone surrogates (PostgreSQL cannot store them), saying where', async () => {
    await expect(readJsonBody(post('{"events":[{"name":"a\\u0000b"}]}'))).rejects.toMatchObject({
      code: 'invalid:json',
      message: expect.stringContaining('NUL'),
      issues: [{ path: ['events', 0, 'name'] }],
    });
    await expect(readJsonBody(post('{"k\\u0000":1}'))).rejects.toMatchObject({ code: 'invalid:json', issues: [{ path: [] }] });
    await expect(readJsonBody(post('["\\ud800"]'))).rejects.toMatchObject({ message: expect.stringContaining('lone surrogate') });
    // A proper pair is an emoji, not a problem.
    expect(await readJsonBody(post('["\\ud83d\\ude00"]'))).toEqual(['😀']);
  });

  it('applies the cap it is given', async () => {
    await expect(readJsonBody(post(JSON.stringify({ s: 'x'.repeat(2000) })), 1000)).rejects.toMatchObject({ code: 'too_large:body' });
  });
});
