/**
 * How long a stop may take before the process leaves anyway. Stopping closes the listening ports
 * first (within milliseconds); what follows is folding state to disk, which a busy machine can slow
 * well past a second, so the deadline only guards against a stop that hangs.
 */
const STOP_DEADLINE_MS = 10_000;

/**
 * Resolves on the first SIGINT or SIGTERM, which is how every long-running command is stopped.
 * From then on a second signal, or a stop that overruns its deadline, ends the process at once
 * (what is acknowledged is already on disk: the journal is fsynced before any answer).
 */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      const force = () => process.exit(signal === 'SIGINT' ? 130 : 143);
      process.once('SIGINT', force);
      process.once('SIGTERM', force);
      setTimeout(force, STOP_DEADLINE_MS).unref();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
