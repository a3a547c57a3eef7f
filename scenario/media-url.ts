// Where Kizuna serves an uploaded image: https URLs under APP_BASE_URL for LINE, and the same path for Kizuna's own pages.

/** `rich/{width}`: a rich message's image at one of the widths LINE fetches (scenario/rich-message.ts). */
export type MediaVariant = 'original.jpg' | 'original.png' | 'preview.jpg' | `rich/${240 | 300 | 460 | 700 | 1040}`;

const MEDIA_PATH =
  /^\/media\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(original\.jpg|original\.png|preview\.jpg|rich\/(?:240|300|460|700|1040))$/;

/**
 * The URL LINE is given. LINE fetches images over https only, so the scheme is https even when APP_BASE_URL is plain
 * http (development, where the sandbox stands in for LINE and Kizuna's pages show the image by its path instead).
 */
export function mediaUrl(appBaseUrl: string, id: string, variant: MediaVariant): string {
  const base = new URL(appBaseUrl);
  base.protocol = 'https:';
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}/media/${id}/${variant}`;
}

/** A rich message's baseUrl: LINE appends `/{width}` itself (no extension), as the rich route serves. */
export function richBaseUrl(appBaseUrl: string, id: string): string {
  return mediaUrl(appBaseUrl, id, 'rich/1040').replace(/\/1040$/, '');
}

export function originalVariant(contentType: 'image/jpeg' | 'image/png'): MediaVariant {
  return contentType === 'image/png' ? 'original.png' : 'original.jpg';
}

/** The id and variant of a Kizuna media URL (or path), else null. */
export function parseMediaUrl(url: string): { id: string; variant: MediaVariant } | null {
  let path: string;
  try {
    path = new URL(url, 'https://kizuna.invalid').pathname;
  } catch {
    return null;
  }
  const m = MEDIA_PATH.exec(path.replace(/^.*(?=\/media\/)/, ''));
  return m?.[1] && m[2] ? { id: m[1], variant: m[2] as MediaVariant } : null;
}

/**
 * What an <img> in Kizuna's own pages loads for a message image: a Kizuna media URL of this host by its path (the page
 * shares the app's origin, and over http in development the https URL would not load), anything else as it is.
 */
export function displaySrc(url: string, pageHost: string | null): string {
  const media = parseMediaUrl(url);
  if (!media || pageHost === null) return url;
  try {
    return new URL(url).host === pageHost ? `/media/${media.id}/${media.variant}` : url;
  } catch {
    return url;
  }
}
