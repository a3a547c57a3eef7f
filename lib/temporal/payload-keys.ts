// The keys that encrypt Temporal payloads: `KIZUNA_PAYLOAD_KEYS` parsed into ids and 32-byte AES keys, current first.

/** One AES-256 key and the id that payloads encrypted with it carry in their metadata. */
export interface PayloadKey {
  id: string;
  key: Uint8Array;
}

/**
 * The dev key: fine on a laptop and in tests, refused in production (it is in this file, so it protects nothing).
 * Derived once as sha256('kizuna dev payload key (public: never for production)').
 */
export const DEV_PAYLOAD_KEYS = 'dev:w5zCUM0JwkE+27zomS8TW/X6wnMcirJ5x8iugr9Gw8Y=';

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
// Standard base64 of exactly 32 bytes: 43 characters and one '=' of padding.
const KEY_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;

export type PayloadKeysParse = { ok: true; keys: PayloadKey[] } | { ok: false; problem: string };

/**
 * Parses `keyId:base64,keyId:base64,…` (the first is the current key). A problem names the entry by its position, never
 * its text: the text is a secret.
 */
export function parsePayloadKeys(text: string): PayloadKeysParse {
  const entries = text.split(',').map((e) => e.trim());
  const keys: PayloadKey[] = [];
  for (const [i, entry] of entries.entries()) {
    const at = `entry ${i + 1}`;
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon);
    const material = colon < 0 ? '' : entry.slice(colon + 1);
    if (!KEY_ID.test(id)) return { ok: false, problem: `${at}: expected keyId:base64 with a key id of letters, digits, . _ -` };
    if (!KEY_32_BYTES.test(material)) {
      return { ok: false, problem: `${at}: the key must be 32 bytes in base64 (e.g. \`openssl rand -base64 32\`)` };
    }
    if (keys.some((k) => k.id === id)) return { ok: false, problem: `${at}: repeats the key id of an earlier entry (ids must be unique)` };
    keys.push({ id, key: new Uint8Array(Buffer.from(material, 'base64')) });
  }
  return { ok: true, keys };
}

/** The dev key, parsed: the default of every composition root that is not given keys (tests, benches). */
export function devPayloadKeys(): PayloadKey[] {
  const parsed = parsePayloadKeys(DEV_PAYLOAD_KEYS);
  if (!parsed.ok) throw new Error('the dev payload key is malformed');
  return parsed.keys;
}

/** Whether `keys` holds the public dev key material (under any id): refused in production. */
export function holdsDevPayloadKey(keys: readonly PayloadKey[]): boolean {
  const dev = Buffer.from(devPayloadKeys()[0]!.key);
  return keys.some((k) => dev.equals(k.key));
}
