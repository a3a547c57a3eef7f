// Node-only half of instrumentation.ts: validates the whole environment when the server starts and exits on a bad
// one, naming the variable and never its value.
import { ConfigError, env } from './env';

export function checkEnvironmentOrExit(): void {
  try {
    env();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}
