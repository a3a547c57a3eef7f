// The caller's IP address as the app sees it: the first `x-forwarded-for` hop (Next's server sets it from the socket
// when no proxy did), else `x-real-ip`. Used for the audit log and sign-in rate limits.
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for');
  const first = forwarded?.split(',')[0]?.trim();
  if (first) return first.slice(0, 64);
  return headers.get('x-real-ip')?.trim().slice(0, 64) || null;
}
