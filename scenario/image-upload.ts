// What an uploaded image is, judged from its bytes (never its name): JPEG or PNG, its pixel size, and LINE's limits.
import { LINE_LIMITS } from './line-limits';

/** What the first bytes say a file is; only JPEG and PNG are images LINE takes. */
export type SniffedKind = 'jpeg' | 'png' | 'gif' | 'webp' | 'heic' | 'bmp' | 'pdf' | 'unknown';

export const IMAGE_CONTENT_TYPES = { jpeg: 'image/jpeg', png: 'image/png' } as const;
export type ImageContentType = (typeof IMAGE_CONTENT_TYPES)[keyof typeof IMAGE_CONTENT_TYPES];

/** Kizuna's own rules beside LINE's: a readable picture, not a speck, not a decompression bomb. */
export const IMAGE_RULES = {
  /** Either side under this many pixels is too small to show in a chat. */
  minSide: 50,
  /** Above this a 10 MB file would decode into gigabytes of memory. */
  maxPixels: 50_000_000,
} as const;

/** Why an upload is refused; the UI words each in ja/en (lib/i18n, `media.error.*`). */
export type ImageProblem =
  | { code: 'image_empty' }
  | { code: 'image_type'; kind: SniffedKind }
  | { code: 'image_too_large'; bytes: number; max: number }
  | { code: 'image_too_small'; width: number; height: number; min: number }
  | { code: 'image_too_many_pixels'; width: number; height: number; max: number }
  /** Only for a rich message's image, which LINE shows 1040 px wide (a wider one is scaled down on upload). */
  | { code: 'image_too_narrow'; width: number; min: number }
  | { code: 'image_unreadable' };

export type ImageFacts = { kind: 'jpeg' | 'png'; contentType: ImageContentType; width: number; height: number };
export type ImageCheck = ({ ok: true } & ImageFacts) | { ok: false; problem: ImageProblem };

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));
const u16 = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u32 = (b: Uint8Array, at: number) => u16(b, at) * 65536 + u16(b, at + 2);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

export function sniffImage(b: Uint8Array): SniffedKind {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, PNG_SIGNATURE)) return 'png';
  if (ascii(b, 0, 4) === 'GIF8') return 'gif';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (ascii(b, 4, 4) === 'ftyp' && /^(heic|heix|mif1|msf1|avif)$/.test(ascii(b, 8, 4))) return 'heic';
  if (ascii(b, 0, 2) === 'BM') return 'bmp';
  if (ascii(b, 0, 5) === '%PDF-') return 'pdf';
  return 'unknown';
}

/** A PNG's size from its IHDR chunk, which must come first. */
function pngSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
  return { width: u32(b, 16), height: u32(b, 20) };
}

// Start-of-frame markers carry the size: C0–CF except DHT (C4), JPG (C8) and DAC (CC).
const isStartOfFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** A JPEG's size from its first start-of-frame segment, walking the marker segments before it. */
function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    // Markers without a length: TEM and the restart markers; end of image or start of scan before a frame is broken.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null;
    const length = u16(b, at + 2);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      if (at + 9 > b.length) return null;
      return { height: u16(b, at + 5), width: u16(b, at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

/** Judges an upload by its bytes against LINE's limits for an image message's original and Kizuna's rules. */
export function checkImageUpload(b: Uint8Array): ImageCheck {
  if (b.length === 0) return { ok: false, problem: { code: 'image_empty' } };
  if (b.length > LINE_LIMITS.imageBytes) {
    return { ok: false, problem: { code: 'image_too_large', bytes: b.length, max: LINE_LIMITS.imageBytes } };
  }
  const kind = sniffImage(b);
  if (kind !== 'jpeg' && kind !== 'png') return { ok: false, problem: { code: 'image_type', kind } };
  const size = kind === 'png' ? pngSize(b) : jpegSize(b);
  if (!size || size.width === 0 || size.height === 0) return { ok: false, problem: { code: 'image_unreadable' } };
  const { width, height } = size;
  if (width < IMAGE_RULES.minSide || height < IMAGE_RULES.minSide) {
    return { ok: false, problem: { code: 'image_too_small', width, height, min: IMAGE_RULES.minSide } };
  }
  if (width * height > IMAGE_RULES.maxPixels) {
    return { ok: false, problem: { code: 'image_too_many_pixels', width, height, max: IMAGE_RULES.maxPixels } };
  }
  return { ok: true, kind, contentType: IMAGE_CONTENT_TYPES[kind], width, height };
}

/** The same size rule the server applies, for a browser to refuse before sending megabytes it would refuse anyway. */
export function checkUploadSize(bytes: number): ImageProblem | null {
  if (bytes === 0) return { code: 'image_empty' };
  if (bytes > LINE_LIMITS.imageBytes) return { code: 'image_too_large', bytes, max: LINE_LIMITS.imageBytes };
  return null;
}
