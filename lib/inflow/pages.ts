// The friend-facing HTML of an inflow route (phone-sized, no admin shell): the thank-you page and the refusal page,
// in Japanese or English from the browser's Accept-Language. No data of anyone is shown.
import { t, type Lang } from '../i18n/dictionary';

export function visitorLang(acceptLanguage: string | null): Lang {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ja';
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const TEXTS = {
  thanks: ['inflow.visitor.thanksTitle', 'inflow.visitor.thanksBody'],
  refused: ['inflow.visitor.refusedTitle', 'inflow.visitor.refusedBody'],
  unavailable: ['inflow.visitor.unavailableTitle', 'inflow.visitor.unavailableBody'],
} as const;

/** `unavailable`: inflow routes are off (no LINE Login channel configured), answered 503. */
export function visitorPage(lang: Lang, kind: keyof typeof TEXTS, status: number): Response {
  const title = t(lang, TEXTS[kind][0]);
  const body = t(lang, TEXTS[kind][1]);
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:420px;margin:48px auto;padding:0 16px;color:#1e293b;text-align:center}
h1{font-size:20px;color:${kind === 'thanks' ? '#06c755' : '#b91c1c'}}p{line-height:1.7}</style></head>
<body><h1 data-testid="inflow-${kind}">${esc(title)}</h1><p>${esc(body)}</p></body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}
