/**
 * One monotonic clock for the whole host: process.hrtime is CLOCK_MONOTONIC, which every process on
 * the machine shares, so agents' event times and the runner's line up without any synchronisation.
 */

/** Milliseconds on the host's monotonic clock (fractional). */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Resolve once the monotonic clock has reached `targetMs`, or at once when the signal aborts. Never
 * early: Node's timers count from the loop's cached time and whole milliseconds, so a timer can fire
 * up to ~1 ms before the hrtime target; then we wait again for the rest.
 */
export function waitUntil(targetMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    let timer: NodeJS.Timeout | undefined;
    signal?.addEventListener('abort', done, { once: true });
    arm();
    function arm(): void {
      const left = targetMs - monotonicMs();
      if (left <= 0) return done();
      timer = setTimeout(arm, Math.ceil(left));
    }
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
