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
 * early: Node's timers count whole milliseconds from the loop's cached time, so a timer can fire up to
 * ~1 ms before the hrtime target. The remainder (under 1 ms) is polled with setImmediate rather than a
 * second timer, which would overshoot by another millisecond; I/O still runs between the polls.
 */
export function waitUntil(targetMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    let timer: NodeJS.Timeout | undefined;
    let poll: NodeJS.Immediate | undefined;
    signal?.addEventListener('abort', done, { once: true });
    arm();
    function arm(): void {
      const left = targetMs - monotonicMs();
      if (left <= 0) return done();
      if (left < 1) poll = setImmediate(arm);
      else timer = setTimeout(arm, left);
    }
    function done(): void {
      clearTimeout(timer);
      clearImmediate(poll);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
