// An upload's problem as the API answers it: 413 `too_large:image` or 400 `invalid:image_*`, in words for API clients
// (the editor words each code in ja/en itself).
import 'server-only';
import { AppError } from '../errors';
import type { ImageProblem } from '@/scenario/image-upload';

const MB = 1024 * 1024;

export function imageProblemError(p: ImageProblem): AppError {
  switch (p.code) {
    case 'image_empty':
      return new AppError('invalid:image_empty', 'the file is empty');
    case 'image_type':
      return new AppError(
        'invalid:image_type',
        `only JPEG and PNG images can be sent on LINE; this file is ${p.kind === 'unknown' ? 'not an image' : `a ${p.kind.toUpperCase()} file`}`,
      );
    case 'image_too_large':
      return new AppError('too_large:image', `the image is ${(p.bytes / MB).toFixed(1)} MB; LINE takes at most ${p.max / MB} MB`);
    case 'image_too_small':
      return new AppError('invalid:image_too_small', `the image is ${p.width}×${p.height} px; each side needs at least ${p.min} px`);
    case 'image_too_many_pixels':
      return new AppError(
        'invalid:image_too_many_pixels',
        `the image is ${p.width}×${p.height} px; at most ${p.max / 1_000_000} megapixels are taken`,
      );
    case 'image_too_narrow':
      return new AppError('invalid:image_too_narrow', `the image is ${p.width} px wide; a rich message's image needs at least ${p.min} px`);
    case 'image_unreadable':
      return new AppError('invalid:image_unreadable', 'the image cannot be read: it is damaged or cut short');
  }
}
