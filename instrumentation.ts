// Runs once when the Next server starts, before the first request: the whole environment is validated, so a production
// start with a dev default (or any bad variable) stops here, and the database is migrated. The work lives in a
// Node-only module (process.exit, the database driver).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkEnvironmentOrExit, migrateOrExit } = await import('./lib/startup-check');
    checkEnvironmentOrExit();
    await migrateOrExit();
  }
}
