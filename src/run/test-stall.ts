/**
 * TEST-ONLY: `STORM_TEST_STALL_MS=<ms>@<at ms>` blocks the runner's event loop for <ms> at t=<at> of
 * every cell's workload, so an end-to-end test can prove that a stalled harness makes the cell
 * inconclusive (test/e2e/harness.test.ts). Unset, it does nothing; it exists only to simulate the
 * overload storm must detect, never to tune a run.
 */
import { monotonicMs } from './clock.js';

/** Name of the test-only environment variable. */
export const TEST_STALL_ENV = 'STORM_TEST_STALL_MS';

/** A stall to inject: block for `forMs` at `atMs` after the workload start. */
export interface TestStall {
  forMs: number;
  atMs: number;
}

/** Parse the variable; undefined when unset, an error that shows the format when malformed. */
export function parseTestStall(value: string | undefined): TestStall | undefined {
  if (value === undefined || value === '') return undefined;
  const m = /^\s*(\d+)\s*@\s*(\d+)\s*$/.exec(value);
  if (!m) throw new Error(`${TEST_STALL_ENV}=${JSON.stringify(value)} is not <ms>@<at ms>, e.g. 400@3000 (test-only)`);
  return { forMs: Number(m[1]), atMs: Number(m[2]) };
}

/** Schedule the stall relative to `t0` (monotonic ms); returns a cancel function for teardown. */
export function scheduleTestStall(stall: TestStall | undefined, t0: number): () => void {
  if (!stall) return () => undefined;
  const timer = setTimeout(
    () => {
      // A busy loop, not a sleep: the point is that nothing else on this loop can run meanwhile.
      const until = monotonicMs() + stall.forMs;
      while (monotonicMs() < until);
    },
    Math.max(0, t0 + stall.atMs - monotonicMs()),
  );
  return () => clearTimeout(timer);
}
