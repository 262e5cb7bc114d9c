/**
 * One monotonic clock for the whole host: process.hrtime is CLOCK_MONOTONIC, which every process on
 * the machine shares, so agents' event times and the runner's line up without any synchronisation.
 */

/** Milliseconds on the host's monotonic clock (fractional). */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Resolve after `ms`, or at once when the signal aborts. Used to wait *until* a scheduled moment. */
export function waitUntil(targetMs: number, signal?: AbortSignal): Promise<void> {
  const delay = Math.max(0, targetMs - monotonicMs());
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, delay);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
