// Where to go after signing in: only a path on this site (never `//host` or a URL), else the scenario list.
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/scenarios';
  if (next.startsWith('/sign-in') || next.startsWith('/setup')) return '/scenarios';
  return next.slice(0, 2000);
}
