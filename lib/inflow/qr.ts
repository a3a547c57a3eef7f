// A route URL's QR code as SVG (shown on the route's page, and downloaded for print) or PNG (for chat and slides), with
// the `qrcode` package; error correction M survives a logo sticker or a smudged print.
import 'server-only';
import QRCode from 'qrcode';

export const routeQrSvg = (url: string): Promise<string> => QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
export const routeQrPng = (url: string): Promise<Buffer> =>
  QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 600 });
