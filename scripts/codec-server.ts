// `npm run kizuna -- codec-server …`: the remote codec endpoint of the Temporal UI and CLI (POST …/encode, …/decode)
// over KIZUNA_PAYLOAD_KEYS, so operators can read decoded histories. Whoever can call it reads every payload in clear:
// it listens on 127.0.0.1, answers only with the token, and lets only the UI's origin read its answers.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import { ConfigError, env, payloadKeys } from '../lib/env';
import { logError, logWarning } from '../lib/log';
import { PayloadEncryptionCodec } from '../lib/temporal/payload-codec';

export const CODEC_SERVER_USAGE = `Kizuna codec server (the Temporal UI's codec endpoint)

  npm run kizuna -- codec-server [--port 8888] [--origin http://localhost:8233] [--host 127.0.0.1] [--token TOKEN]

Decrypts and encrypts Temporal payloads with KIZUNA_PAYLOAD_KEYS for the Temporal UI (--origin is the UI's address)
and \`temporal … --codec-endpoint\`. Every request needs the token: as \`Authorization: Bearer TOKEN\`, or as the first
part of the path (http://127.0.0.1:8888/TOKEN), since the UI cannot send headers of its own. The token comes from
KIZUNA_CODEC_SERVER_TOKEN or --token (at least 32 characters); without either, one is generated and printed.
Anyone holding the token reads every payload in clear: keep it on 127.0.0.1 (or behind your own TLS and sign-in).`;

/** Protobuf JSON bytes: base64, standard or URL-safe, padded or not. */
const Bytes = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'expected base64');
/** What the UI sends: Payloads as protobuf JSON. */
const PayloadsJsonSchema = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), Bytes).nullish(), data: Bytes.nullish() })),
});
type PayloadJson = z.infer<typeof PayloadsJsonSchema>['payloads'][number];

const MAX_BODY_BYTES = 8 * 1024 * 1024;

function fromJson(p: PayloadJson): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])),
    data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
  };
}

function toJson(p: Payload): PayloadJson {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** The Temporal UI's origin, the only one whose pages may read the answers (CORS). */
  origin: string;
  token: string;
  host?: string;
  port?: number;
}

export interface CodecServer {
  url: string;
  close(): Promise<void>;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Starts the endpoint; resolves once it listens. */
export async function startCodecServer(opts: CodecServerOptions): Promise<CodecServer> {
  const expected = digest(opts.token);
  const tokenMatches = (candidate: string | undefined) => candidate !== undefined && timingSafeEqual(digest(candidate), expected);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    if (origin !== undefined) {
      // A page of any other site gets nothing, not even a refusal it could read.
      if (origin !== opts.origin) throw new HttpError(403, 'origin not allowed');
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('vary', 'origin');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': 'authorization, content-type, x-namespace',
        'access-control-max-age': '600',
        // A UI on a public address (Temporal Cloud) reaching 127.0.0.1: Chrome asks first (Private Network Access).
        ...(req.headers['access-control-request-private-network'] === 'true' ? { 'access-control-allow-private-network': 'true' } : {}),
      });
      res.end();
      return;
    }
    if (req.method !== 'POST') throw new HttpError(405, 'POST only');
    // The protocol reads only the last part of the path; what comes before it may be the token.
    const parts = new URL(req.url ?? '/', 'http://codec').pathname.split('/').filter(Boolean).map(decodePart);
    const action = parts.pop();
    if (action !== 'encode' && action !== 'decode') throw new HttpError(404, 'POST …/encode or …/decode');
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!tokenMatches(parts.join('/')) && !tokenMatches(bearer)) {
      res.setHeader('www-authenticate', 'Bearer');
      throw new HttpError(401, 'token required');
    }
    const body = await readBody(req);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new HttpError(400, 'body is not JSON');
    }
    const parsed = PayloadsJsonSchema.safeParse(json);
    if (!parsed.success) throw new HttpError(400, 'expected {"payloads": [{"metadata": {…}, "data": "…"}]} with base64 bytes');
    const payloads = parsed.data.payloads.map(fromJson);
    let out: Payload[];
    try {
      out = action === 'decode' ? await opts.codec.decode(payloads) : await opts.codec.encode(payloads);
    } catch (err) {
      if (!(err instanceof ValueError)) throw err;
      // The codec's own messages name a key id or a failed check, never a payload's content.
      logWarning(`codec-server /${action}: ${err.message}`);
      throw new HttpError(400, err.message);
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ payloads: out.map(toJson) }));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (!(err instanceof HttpError)) logError('codec-server', err);
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: err instanceof HttpError ? err.message : 'internal error' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8888, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // The UI keeps its connection alive: end it, or close would wait for it.
        server.closeAllConnections();
      }),
  };
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'body too large');
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `codec-server` from the command line: runs until SIGINT/SIGTERM; answers the exit status. */
export async function runCodecServerCli(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '8888' },
        host: { type: 'string', default: '127.0.0.1' },
        origin: { type: 'string', default: 'http://localhost:8233' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${CODEC_SERVER_USAGE}`);
    return 1;
  }
  if (values.help) {
    console.log(CODEC_SERVER_USAGE);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('--port: expected a port number');
    return 1;
  }
  let origin: string;
  try {
    origin = new URL(values.origin).origin;
  } catch {
    console.error('--origin: expected the Temporal UI address, e.g. http://localhost:8233');
    return 1;
  }
  let keys;
  let token: string | undefined;
  try {
    const e = env();
    keys = payloadKeys(e);
    token = values.token ?? e.KIZUNA_CODEC_SERVER_TOKEN;
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : String(err));
    return 1;
  }
  if (token !== undefined && token.length < 32) {
    console.error('--token: expected at least 32 characters');
    return 1;
  }
  const generated = token === undefined;
  token ??= randomBytes(24).toString('base64url');
  const server = await startCodecServer({ codec: new PayloadEncryptionCodec(keys), origin, token, host: values.host, port });
  console.log(`codec server on ${server.url} for the Temporal UI at ${origin} (payload keys: ${keys.map((k) => k.id).join(', ')})`);
  console.log(
    generated
      ? `generated token (this run only): Temporal UI codec endpoint ${server.url}/${token}`
      : `Temporal UI codec endpoint: ${server.url}/<token>`,
  );
  if (!['127.0.0.1', '::1', 'localhost'].includes(values.host)) {
    console.log(`warning: listening on ${values.host}: anyone who reaches it with the token reads every payload`);
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
