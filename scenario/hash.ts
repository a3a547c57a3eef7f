// Pure SHA-256 and canonical JSON, for plan content hashes and split assignment (no node:crypto, no Web Crypto: both are async or absent in a workflow sandbox).
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
  0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
  0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
  0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
  0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// One growing byte buffer reused across calls (hashing is synchronous, so no two calls ever share it): text is written
// into it as UTF-8, then padded and hashed in place, so hashing a 200 KB plan allocates next to nothing.
let bytes = new Uint8Array(1 << 16);
let size = 0;
const schedule = new Int32Array(64);

function reserve(extra: number): void {
  if (size + extra <= bytes.length) return;
  const grown = new Uint8Array(Math.max(bytes.length * 2, size + extra));
  grown.set(bytes.subarray(0, size));
  bytes = grown;
}

/** Appends the UTF-8 bytes of `s` (a lone surrogate as its three-byte form). */
function putUtf8(s: string): void {
  reserve(s.length * 3);
  const buf = bytes;
  let n = size;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      buf[n++] = c;
      continue;
    }
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x800) {
      buf[n++] = 0xc0 | (c >> 6);
      buf[n++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      buf[n++] = 0xe0 | (c >> 12);
      buf[n++] = 0x80 | ((c >> 6) & 63);
      buf[n++] = 0x80 | (c & 63);
    } else {
      buf[n++] = 0xf0 | (c >> 18);
      buf[n++] = 0x80 | ((c >> 12) & 63);
      buf[n++] = 0x80 | ((c >> 6) & 63);
      buf[n++] = 0x80 | (c & 63);
    }
  }
  size = n;
}

function putByte(b: number): void {
  reserve(1);
  bytes[size++] = b;
}

/** SHA-256 of the `size` bytes written since the last reset, as eight 32-bit words; pads the buffer in place. */
function digest(): Uint32Array {
  const bitLength = size * 8;
  reserve(72);
  const buf = bytes;
  let n = size;
  buf[n++] = 0x80;
  while (n % 64 !== 56) buf[n++] = 0;
  const hi = Math.floor(bitLength / 0x100000000);
  const lo = bitLength >>> 0;
  buf[n++] = (hi >>> 24) & 255;
  buf[n++] = (hi >>> 16) & 255;
  buf[n++] = (hi >>> 8) & 255;
  buf[n++] = hi & 255;
  buf[n++] = (lo >>> 24) & 255;
  buf[n++] = (lo >>> 16) & 255;
  buf[n++] = (lo >>> 8) & 255;
  buf[n++] = lo & 255;
  size = 0;

  const w = schedule;
  // Plain int32 locals and no per-block allocation: this loop is most of a plan hash.
  let h0 = 0x6a09e667 | 0;
  let h1 = 0xbb67ae85 | 0;
  let h2 = 0x3c6ef372 | 0;
  let h3 = 0xa54ff53a | 0;
  let h4 = 0x510e527f | 0;
  let h5 = 0x9b05688c | 0;
  let h6 = 0x1f83d9ab | 0;
  let h7 = 0x5be0cd19 | 0;
  for (let off = 0; off < n; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      w[i] = (buf[j]! << 24) | (buf[j + 1]! << 16) | (buf[j + 2]! << 8) | buf[j + 3]!;
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15]!;
      const y = w[i - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let h = h7;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  return new Uint32Array([h0, h1, h2, h3, h4, h5, h6, h7]);
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
function hex(words: Uint32Array): string {
  let out = '';
  for (const x of words) out += HEX_BYTE[x >>> 24]! + HEX_BYTE[(x >>> 16) & 255]! + HEX_BYTE[(x >>> 8) & 255]! + HEX_BYTE[x & 255]!;
  return out;
}

/** SHA-256 of a string's UTF-8 bytes, as eight 32-bit words. */
export function sha256Words(text: string): Uint32Array {
  size = 0;
  putUtf8(text);
  return digest();
}

export function sha256Hex(text: string): string {
  return hex(sha256Words(text));
}

// Characters JSON.stringify would escape in a string: quote, backslash, controls and (well-formed JSON) lone surrogates.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Own enumerable keys in UTF-16 code-unit order; sorts only when needed (one-key objects, values read back sorted). */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) return keys.sort();
  }
  return keys;
}

/** A primitive as JSON.stringify writes it (NaN and infinities as null; a function or symbol as null too). */
function primitiveJson(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  return JSON.stringify(value) ?? 'null';
}

function writeJson(value: unknown): string {
  if (typeof value === 'string') return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (value === null || typeof value !== 'object') return primitiveJson(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      out += (i === 0 ? '' : ',') + (v === undefined ? 'null' : writeJson(v));
    }
    return `${out}]`;
  }
  let out = '{';
  for (const k of sortedKeys(value)) {
    const v: unknown = Reflect.get(value, k);
    if (v === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${writeJson(k)}:${writeJson(v)}`;
  }
  return `${out}}`;
}

/**
 * JSON with object keys sorted (by UTF-16 code units) and undefined dropped, so equal values always serialise alike.
 * Plan hashes depend on every byte of it: its output must never change (hash.test.ts pins a plan hash).
 */
export function canonicalJson(value: unknown): string {
  return writeJson(value);
}

// canonicalJson() written straight into the hash buffer as UTF-8: same bytes, without building and flattening the string.
function putJson(value: unknown): void {
  if (typeof value === 'string') {
    if (NEEDS_ESCAPE.test(value)) return putUtf8(JSON.stringify(value));
    putByte(0x22);
    putUtf8(value);
    return putByte(0x22);
  }
  if (value === null || typeof value !== 'object') return putUtf8(primitiveJson(value));
  if (Array.isArray(value)) {
    putByte(0x5b);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) putByte(0x2c);
      const v: unknown = value[i];
      if (v === undefined) putUtf8('null');
      else putJson(v);
    }
    return putByte(0x5d);
  }
  putByte(0x7b);
  let first = true;
  for (const k of sortedKeys(value)) {
    const v: unknown = Reflect.get(value, k);
    if (v === undefined) continue;
    if (!first) putByte(0x2c);
    first = false;
    putJson(k);
    putByte(0x3a);
    putJson(v);
  }
  putByte(0x7d);
}

/** sha256Hex(canonicalJson(value)), computed in one pass. */
export function canonicalHash(value: unknown): string {
  size = 0;
  putJson(value);
  return hex(digest());
}
