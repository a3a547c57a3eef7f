// Runs once when the Next server starts: the whole environment is validated before the first request, so a production
// start with a dev default (or any bad variable) stops here, naming the variable and never its value.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env, ConfigError } = await import('./lib/env');
  try {
    env();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}
