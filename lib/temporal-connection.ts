// Connection options for Temporal (dev server, self-hosted cluster with mTLS, or Temporal Cloud API key).
import { readFileSync } from 'node:fs';
import type { Env } from './env';

/** Options accepted by both the client's Connection and the worker's NativeConnection. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: boolean | { clientCertPair: { crt: Buffer; key: Buffer } };
  apiKey?: string;
}

export function temporalConnectionOptions(env: Env): TemporalConnectionOptions {
  const address = env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const opts: TemporalConnectionOptions = { address };
  if (env.TEMPORAL_TLS_CERT_PATH && env.TEMPORAL_TLS_KEY_PATH) {
    opts.tls = {
      clientCertPair: { crt: readFileSync(env.TEMPORAL_TLS_CERT_PATH), key: readFileSync(env.TEMPORAL_TLS_KEY_PATH) },
    };
  } else if (env.TEMPORAL_TLS || env.TEMPORAL_API_KEY) {
    opts.tls = true;
  }
  if (env.TEMPORAL_API_KEY) opts.apiKey = env.TEMPORAL_API_KEY;
  return opts;
}
