/**
 * Start a cell's agents with a bounded number booting at once. Hundreds of node processes started
 * together on two cores all boot slowly at the same time, so none is ready for a long while, memory
 * peaks, and the runner's own loop starves; a few at a time, each boots at near full speed and the
 * last one is ready sooner (docs/benchmarks.md, "Where start-up time goes").
 *
 * After the first failure no further agent is launched — the cell is inconclusive whatever the rest
 * would do, and waiting for each of them to time out could take hours — and the ones never launched
 * are reported as such.
 */
import { availableParallelism } from 'node:os';

/** Agents booting at once: two per core keep every core busy while one waits on I/O, at least four. */
export function startConcurrency(cores = availableParallelism()): number {
  return Math.max(4, 2 * cores);
}

/** What `startAll` says of an agent it did not launch because another had already failed. */
export const NOT_STARTED = 'not started: start-up stopped after another agent failed';

/** Start every item with at most `limit` in flight; results in input order, like Promise.allSettled. */
export async function startAll<T, R>(
  items: readonly T[],
  start: (item: T) => Promise<R>,
  limit = startConcurrency(),
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      if (failed) {
        results[i] = { status: 'rejected', reason: new Error(NOT_STARTED) };
        continue;
      }
      try {
        results[i] = { status: 'fulfilled', value: await start(items[i]) };
      } catch (reason) {
        failed = true;
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
