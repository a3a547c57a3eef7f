// Runs once when the Next server starts: the whole environment is validated before the first request, so a production
// start with a dev default (or any bad variable) stops here. The check lives in a Node-only module (process.exit).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkEnvironmentOrExit } = await import('./lib/startup-check');
    checkEnvironmentOrExit();
  }
}
