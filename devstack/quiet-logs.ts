// What `npm run dev` passes on from its services: errors and actionable warnings, never start-up chatter (Next's banner
// and request lines, the Temporal SDK's state changes, the sandbox's own URL), which the stack's summary says once.
export type ServiceName = 'postgres' | 'next' | 'worker' | 'sandbox';

const NOISE: Record<ServiceName, RegExp[]> = {
  // How PostgreSQL stops (Ctrl-C reaches it as it reaches the stack), and every line that is not an error.
  postgres: [
    /shutdown request|shutting down|terminating connection due to administrator command|aborting any active transactions/,
    /^(?!.*\b(ERROR|FATAL|PANIC)\b)/,
  ],
  next: [
    /^▲ Next\.js/,
    /^- (Local|Network|Environments|Experiments)\b/,
    /^\s*[✓·]\s/,
    /^○ Compiling\b/,
    // Requests that went well; a 4xx or 5xx line stays.
    /^(GET|POST|HEAD|PUT|PATCH|DELETE|OPTIONS) \S+ [123]\d\d in /,
    /telemetry/i,
    // Next times the disk at start; on a busy machine it warns about a "slow filesystem" it cannot act on.
    /^⚠ Slow filesystem detected\b/,
    /^See more: https:\/\/nextjs\.org\/docs\/app\/guides\/local-development/,
  ],
  worker: [
    // The Temporal SDK's info lines (worker state changes, Nexus), and the send worker polling no workflows by design.
    /\[(INFO|DEBUG|TRACE)\]/,
    /\[WARN\] No workflows registered, not polling for workflow tasks/,
    /^worker polling\b/,
  ],
  sandbox: [/^LINE sandbox listening on\b/],
};

// Terminal control sequences (Next shows the cursor again when it stops) carry no words.
const CONTROL = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** The line as it should be shown, or null when it is start-up chatter or empty. */
export function keepLine(service: ServiceName, line: string): string | null {
  const text = line.replace(CONTROL, '').trim();
  if (text === '') return null;
  return NOISE[service].some((re) => re.test(text)) ? null : line;
}

/** The worker's own "polling" line: it is ready (the summary says so instead of the line). */
export const workerReady = (line: string): boolean => /^worker polling\b/.test(line.trim());
