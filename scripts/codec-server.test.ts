// The Temporal UI's codec endpoint as the UI and the CLI call it: over HTTP, with and without the token and origin.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayloadEncryptionCodec } from '../lib/temporal/payload-codec';
import { DEV_PAYLOAD_KEYS, devPayloadKeys } from '../lib/temporal/payload-keys';
import { startCodecServer, type CodecServer } from './codec-server';

const TOKEN = 'codec-test-token-0123456789abcdefghijkl';
const UI = 'http://localhost:8233';
const codec = new PayloadEncryptionCodec(devPayloadKeys());
const NAME = '暗号テスト花子';

let server: CodecServer;
beforeAll(async () => {
  server = await startCodecServer({ codec, origin: UI, token: TOKEN, port: 0 });
});
afterAll(async () => {
  await server?.close();
});

const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

async function sealedBody() {
  const sealed = await codec.encode([defaultPayloadConverter.toPayload({ displayName: NAME })]);
  return JSON.stringify({ payloads: sealed.map(toJson) });
}

function post(pathname: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${pathname}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

async function decodedData(res: Response): Promise<string> {
  const json = (await res.json()) as { payloads: { data: string }[] };
  return json.payloads.map((p) => Buffer.from(p.data, 'base64').toString('utf8')).join();
}

describe('codec server', () => {
  it('listens on 127.0.0.1 only, by default', () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
  });

  it('decodes for the Temporal UI, the token in the endpoint path, and lets only the UI read the answer', async () => {
    const res = await post(`/${TOKEN}/decode`, await sealedBody(), { origin: UI, 'x-namespace': 'default' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI);
    expect(await decodedData(res)).toContain(NAME);
  });

  it('answers the browser preflight of the UI, and no other origin', async () => {
    const ok = await fetch(`${server.url}/${TOKEN}/decode`, {
      method: 'OPTIONS',
      headers: { origin: UI, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(UI);
    expect(ok.headers.get('access-control-allow-headers')).toContain('x-namespace');
    const evil = await post(`/${TOKEN}/decode`, await sealedBody(), { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(await evil.text()).not.toContain(NAME);
  });

  it('decodes for `temporal --codec-auth "Bearer …"` (a bearer token, no origin)', async () => {
    const res = await post('/decode', await sealedBody(), { authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(await decodedData(res)).toContain(NAME);
  });

  it('refuses without the token, or with a wrong one, and shows nothing', async () => {
    for (const [p, headers] of [
      ['/decode', {}],
      ['/decode', { authorization: 'Bearer not-the-token' }],
      ['/not-the-token/decode', {}],
      [`/${TOKEN}x/decode`, {}],
    ] as const) {
      const res = await post(p, await sealedBody(), headers);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain(NAME);
    }
  });

  it('encodes what the UI sends (e.g. a signal input) so that the workers can decode it', async () => {
    const plain = JSON.stringify({ payloads: [toJson(defaultPayloadConverter.toPayload({ item: 'x' }))] });
    const res = await post(`/${TOKEN}/encode`, plain);
    expect(res.status).toBe(200);
    const { payloads } = (await res.json()) as { payloads: { metadata: Record<string, string>; data: string }[] };
    const sealed = payloads.map((p) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])),
      data: new Uint8Array(Buffer.from(p.data, 'base64')),
    }));
    expect(Buffer.from(sealed[0]!.metadata.encoding!).toString()).toBe('binary/encrypted');
    const [back] = await codec.decode(sealed);
    expect(defaultPayloadConverter.fromPayload(back!)).toEqual({ item: 'x' });
  });

  it('answers 400 to a body that is not Payloads, 404 elsewhere and 405 to a GET', async () => {
    expect((await post(`/${TOKEN}/decode`, 'not json')).status).toBe(400);
    expect((await post(`/${TOKEN}/decode`, JSON.stringify({ payloads: [{ data: '***' }] }))).status).toBe(400);
    expect((await post(`/${TOKEN}/other`, await sealedBody())).status).toBe(404);
    expect((await fetch(`${server.url}/${TOKEN}/decode`)).status).toBe(405);
  });

  it('answers 400 naming the key id when a payload was sealed with a key it does not hold', async () => {
    const other = new PayloadEncryptionCodec([{ id: 'elsewhere', key: new Uint8Array(32).fill(3) }]);
    const sealed = await other.encode([defaultPayloadConverter.toPayload(NAME)]);
    const res = await post(`/${TOKEN}/decode`, JSON.stringify({ payloads: sealed.map(toJson) }));
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('key id \\"elsewhere\\"');
    expect(text).not.toContain(NAME);
  });
});

describe('npm run kizuna -- codec-server', () => {
  it('starts on 127.0.0.1 with the token from the environment, decodes, and stops on SIGTERM', async () => {
    const root = path.resolve(import.meta.dirname, '..');
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/kizuna-cli.ts', 'codec-server', '--port', '0'], {
      cwd: root,
      env: { ...process.env, KIZUNA_ENV: 'development', KIZUNA_PAYLOAD_KEYS: DEV_PAYLOAD_KEYS, KIZUNA_CODEC_SERVER_TOKEN: TOKEN },
    });
    let out = '';
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /codec server on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', () => reject(new Error(`exited before listening:\n${out}`)));
    });
    expect(out).not.toContain(TOKEN);
    const res = await fetch(`${url}/${TOKEN}/decode`, { method: 'POST', body: await sealedBody() });
    expect(await decodedData(res)).toContain(NAME);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
