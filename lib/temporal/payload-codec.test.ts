import { createRequire } from 'node:module';
import { ApplicationFailure, defaultPayloadConverter, type FailureConverter, type Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { clientDataConverter } from './data-converter';
import { ENCRYPTED_ENCODING, KEY_ID_METADATA, PayloadEncryptionCodec } from './payload-codec';
import { devPayloadKeys, type PayloadKey } from './payload-keys';

const key = (id: string, fill: number): PayloadKey => ({ id, key: new Uint8Array(32).fill(fill) });
const k1 = key('2024-01', 1);
const k2 = key('2025-06', 2);
const text = (b: Uint8Array | null | undefined) => new TextDecoder().decode(b ?? new Uint8Array());
const SECRET = '暗号テスト花子';

function jsonPayload(value: unknown): Payload {
  return defaultPayloadConverter.toPayload(value);
}

describe('PayloadEncryptionCodec', () => {
  it('round-trips payloads, metadata included, and stores none of the plain text', async () => {
    const codec = new PayloadEncryptionCodec([k1]);
    const original = jsonPayload({ displayName: SECRET, attributes: { plan: 'ゴールド会員' } });
    const [sealed] = await codec.encode([original]);
    expect(text(sealed!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed!.metadata![KEY_ID_METADATA])).toBe('2024-01');
    expect(Buffer.from(sealed!.data!).includes(Buffer.from(SECRET))).toBe(false);
    expect(Buffer.from(sealed!.data!).includes(Buffer.from('json/plain'))).toBe(false);
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual({ displayName: SECRET, attributes: { plan: 'ゴールド会員' } });
    expect(text(opened!.metadata!.encoding)).toBe('json/plain');
  });

  it('seals the same payload differently each time (a fresh nonce per payload)', async () => {
    const codec = new PayloadEncryptionCodec([k1]);
    const [a, b] = await codec.encode([jsonPayload(SECRET), jsonPayload(SECRET)]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('after a rotation, encrypts with the new key and still decrypts what the old key sealed', async () => {
    const before = new PayloadEncryptionCodec([k1]);
    const after = new PayloadEncryptionCodec([k2, k1]);
    const [old] = await before.encode([jsonPayload('old')]);
    const [fresh] = await after.encode([jsonPayload('new')]);
    expect(text(fresh!.metadata![KEY_ID_METADATA])).toBe('2025-06');
    const opened = await after.decode([old!, fresh!]);
    expect(opened.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual(['old', 'new']);
  });

  it('fails clearly on a key id it does not hold, naming the id', async () => {
    const [sealed] = await new PayloadEncryptionCodec([k2]).encode([jsonPayload(SECRET)]);
    await expect(new PayloadEncryptionCodec([k1]).decode([sealed!])).rejects.toThrow(
      'payload is encrypted with key id "2025-06", which KIZUNA_PAYLOAD_KEYS does not hold',
    );
  });

  it('refuses altered ciphertext, a relabelled key id and a truncated payload', async () => {
    const codec = new PayloadEncryptionCodec([k1, { id: 'other', key: k1.key }]);
    const [sealed] = await codec.encode([jsonPayload(SECRET)]);
    const flipped = Buffer.from(sealed!.data!);
    flipped[20] = flipped[20]! ^ 1;
    await expect(codec.decode([{ ...sealed!, data: flipped }])).rejects.toThrow(/failed authentication with key id "2024-01"/);
    // The same key under another id still fails: the id is part of what is authenticated.
    const relabelled = { ...sealed!, metadata: { ...sealed!.metadata, [KEY_ID_METADATA]: new TextEncoder().encode('other') } };
    await expect(codec.decode([relabelled])).rejects.toThrow(/failed authentication with key id "other"/);
    await expect(codec.decode([{ ...sealed!, data: sealed!.data!.subarray(0, 10) }])).rejects.toThrow('encrypted payload is truncated');
  });

  it('passes payloads without its encoding through unchanged (histories from before encryption)', async () => {
    const codec = new PayloadEncryptionCodec([k1]);
    const plain = jsonPayload({ displayName: 'はなこ' });
    const binary: Payload = { metadata: { encoding: new TextEncoder().encode('binary/null') } };
    const bare: Payload = { data: new Uint8Array([1, 2, 3]) };
    const out = await codec.decode([plain, binary, bare]);
    expect(out[0]).toBe(plain);
    expect(out[1]).toBe(binary);
    expect(out[2]).toBe(bare);
  });

  it('needs at least one key of 32 bytes', () => {
    expect(() => new PayloadEncryptionCodec([])).toThrow('at least one key');
    expect(() => new PayloadEncryptionCodec([{ id: 'short', key: new Uint8Array(16) }])).toThrow('payload key short is not 32 bytes');
  });
});

describe('failure encoding', () => {
  it('moves error messages and stack traces into an encrypted payload, on clients and workers alike', async () => {
    const converter = clientDataConverter(devPayloadKeys());
    // The workers' failure converter is loaded by path (workflow sandbox): it must be configured as the clients' one.
    const workers = createRequire(import.meta.url)('./failure-converter.cjs') as { failureConverter: FailureConverter };
    for (const failureConverter of [converter.failureConverter, workers.failureConverter]) {
      const failure = failureConverter.errorToFailure(ApplicationFailure.nonRetryable(`no friend ${SECRET}`), defaultPayloadConverter);
      expect(failure.message).not.toContain(SECRET);
      expect(failure.encodedAttributes).toBeTruthy();
      const [sealed] = await converter.payloadCodecs[0]!.encode([failure.encodedAttributes!]);
      expect(Buffer.from(sealed!.data!).includes(Buffer.from(SECRET))).toBe(false);
      const [opened] = await converter.payloadCodecs[0]!.decode([sealed!]);
      const back = converter.failureConverter.failureToError({ ...failure, encodedAttributes: opened! }, defaultPayloadConverter);
      expect(back.message).toBe(`no friend ${SECRET}`);
    }
  });
});
