// Every page declares who may open it: it awaits requirePage(permission) before anything else, unless it is on the
// short public list, and docs/security.md lists it with that same permission. A new page without a policy fails here.
import { describe, expect, it } from 'vitest';
import { isPublicPath } from '../lib/auth/policy';
import { PERMISSIONS } from '../lib/auth/roles';
import { docEntryPoints, pageFiles, policyLabel, readRepoFile, readSecurityDoc, urlPatternOf } from './entry-points';

/** Pages anyone may open: each proves the caller itself or shows no data (docs/security.md, "Public surface"). */
const PUBLIC_PAGES = ['/sign-in', '/setup', '/link', '/f/{token}', '/f/liff'];
/** Pages that only redirect somewhere guarded; they must not read data. */
const REDIRECT_ONLY_PAGES = ['/'];

const pages = pageFiles().map((file) => ({ file, url: urlPatternOf(file), source: readRepoFile(file) }));
const doc = docEntryPoints(readSecurityDoc()).entries;

/** The first statement of the page's default export, with its permission: `await requirePage('x', …)`. */
function declaredPermission(source: string): string | null {
  const body = /export default (?:async )?function \w*\([^)]*(?:\([^)]*\)[^)]*)*\)[^{]*\{([\s\S]*)$/.exec(source)?.[1] ?? '';
  // Only reading the route's params may come first (the redirect back needs them).
  const statements = body.split(';').map((s) => s.trim());
  const first = statements.find((s) => !/^const \{[^}]*\} = await params$/.test(s)) ?? '';
  return /^(?:const [^=]+ = )?await requirePage\(\s*'([^']+)'/.exec(first)?.[1] ?? null;
}

describe('pages', () => {
  it('are found', () => {
    expect(pages.map((p) => p.url)).toEqual(expect.arrayContaining(['/scenarios', '/friends/{id}', '/sign-in']));
  });

  it.each(pages.filter((p) => !PUBLIC_PAGES.includes(p.url) && !REDIRECT_ONLY_PAGES.includes(p.url)))(
    '$file awaits requirePage first, with the permission docs/security.md gives it',
    ({ url, source }) => {
      const permission = declaredPermission(source);
      expect(permission, 'the first statement must be `await requirePage(<permission>, …)`').not.toBeNull();
      expect([...PERMISSIONS, 'self']).toContain(permission);
      expect(policyLabel(doc.get(url)), `docs/security.md: list ${url} with \`${permission}\``).toBe(
        permission === 'self' ? 'self' : `session ${permission}`,
      );
      expect(isPublicPath(url.replace(/\{[^}]+\}/g, 'x')), 'the proxy must not let it through without a session').toBe(false);
    },
  );

  it.each(PUBLIC_PAGES)('%s is public in docs/security.md and in the proxy', (url) => {
    expect(pages.map((p) => p.url)).toContain(url);
    expect(doc.get(url)?.kind).toBe('public');
    expect(isPublicPath(url)).toBe(true);
  });

  it.each(REDIRECT_ONLY_PAGES)('%s only redirects and reads no data', (url) => {
    const page = pages.find((p) => p.url === url);
    expect(page?.source).toMatch(/\bredirect\(/);
    expect(page?.source).not.toMatch(/appDeps|@\/db\/|from '@\/lib\/(?!auth\/guard)/);
    expect(isPublicPath(url)).toBe(false);
  });

  it('docs/security.md lists no page that does not exist', () => {
    const urls = new Set(pages.map((p) => p.url));
    expect([...doc.keys()].filter((e) => e.startsWith('/') && !urls.has(e))).toEqual([]);
  });
});
