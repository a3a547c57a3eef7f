// The data converter of every Temporal client Kizuna builds (app, worker, scripts, tests): payloads encrypted by the
// payload codec, and failure messages and stack traces moved into an encrypted payload too.
import { DefaultFailureConverter, defaultPayloadConverter, type LoadedDataConverter } from '@temporalio/common';
import { PayloadEncryptionCodec } from './payload-codec';
import type { PayloadKey } from './payload-keys';

/**
 * The failure converter's options. Workers load the same setting from failure-converter.cjs (a path: workflow code
 * runs in a sandbox that can only take modules by path).
 */
export const FAILURE_CONVERTER_OPTIONS = { encodeCommonAttributes: true } as const;

/** A client's data converter over `keys` (the first encrypts; all decrypt). */
export function clientDataConverter(keys: readonly PayloadKey[]): LoadedDataConverter {
  return {
    payloadConverter: defaultPayloadConverter,
    failureConverter: new DefaultFailureConverter(FAILURE_CONVERTER_OPTIONS),
    payloadCodecs: [new PayloadEncryptionCodec(keys)],
  };
}
