// What an <img> on Kizuna's own pages loads for a message image (Kizuna's uploads by path, so http dev servers show them).
import { displaySrc } from '@/scenario/media-url';

export function imageSrc(url: string): string {
  return displaySrc(url, typeof window === 'undefined' ? null : window.location.host);
}
