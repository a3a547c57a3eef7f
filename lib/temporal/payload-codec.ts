// AES-256-GCM payload codec: what Temporal stores of Kizuna's workflows (inputs, results, signals, failures) is
// ciphertext; the key id travels in each payload's metadata, so keys rotate without rewriting histories.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
// The default import: @temporalio/proto is CommonJS, whose named exports Node's ESM loader cannot see (tsx, the worker).
import proto from '@temporalio/proto';
import type { PayloadKey } from './payload-keys';

/** The encoding of an encrypted payload (the name Temporal's own samples and UI use for encrypted payloads). */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata naming the key a payload was encrypted with. */
export const KEY_ID_METADATA = 'encryption-key-id';

const { Payload: PayloadMessage } = proto.temporal.api.common.v1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/**
 * Encrypts every payload with the current key (the first); decrypts with whichever key the payload names. Payloads
 * without this codec's encoding pass through unchanged, so histories written before encryption still replay.
 */
export class PayloadEncryptionCodec implements PayloadCodec {
  private readonly current: PayloadKey;
  private readonly byId: ReadonlyMap<string, Uint8Array>;

  constructor(keys: readonly PayloadKey[]) {
    const [current] = keys;
    if (!current) throw new ValueError('PayloadEncryptionCodec needs at least one key');
    for (const k of keys) if (k.key.length !== 32) throw new ValueError(`payload key ${k.id} is not 32 bytes`);
    this.current = current;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** The id new payloads are encrypted with. */
  get currentKeyId(): string {
    return this.current.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => this.encrypt(p));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => this.decrypt(p));
  }

  private encrypt(payload: Payload): Payload {
    const { id, key } = this.current;
    // The whole payload (its metadata and data) is sealed, so not even its encoding stays readable.
    const plain = PayloadMessage.encode(payload).finish();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // The key id is authenticated too: a payload relabelled with another id fails instead of decrypting oddly.
    cipher.setAAD(utf8.encode(id));
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { [METADATA_ENCODING_KEY]: utf8.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8.encode(id) },
      data: new Uint8Array(sealed),
    };
  }

  private decrypt(payload: Payload): Payload {
    const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
    if (!encoding || fromUtf8.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
    const idBytes = payload.metadata?.[KEY_ID_METADATA];
    if (!idBytes) throw new ValueError('encrypted payload names no encryption key id');
    const id = fromUtf8.decode(idBytes);
    const key = this.byId.get(id);
    // Key ids are not secret; naming it tells the operator which key to add back to KIZUNA_PAYLOAD_KEYS.
    if (!key) throw new ValueError(`payload is encrypted with key id "${id}", which KIZUNA_PAYLOAD_KEYS does not hold`);
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + TAG_BYTES) throw new ValueError('encrypted payload is truncated');
    const iv = data.subarray(0, IV_BYTES);
    const tag = data.subarray(data.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(idBytes);
    decipher.setAuthTag(tag);
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new ValueError(`encrypted payload failed authentication with key id "${id}" (altered, or sealed with another key)`);
    }
    return PayloadMessage.decode(plain);
  }
}
