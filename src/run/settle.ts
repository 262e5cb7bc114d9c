/**
 * Before t=0 the runner has just started hundreds of agents and exchanged warm-up messages with each:
 * replies, socket closes and garbage collection are still being worked off for a moment. Tasks issued
 * meanwhile leave late, and that issue lag makes a cell inconclusive though the workload itself was
 * fine. So t=0 waits, bounded, until the runner's event loop answers a short timer on time a few
 * times in a row. Nothing measured is delayed: the workload's clock has not started yet.
 */
import { monotonicMs } from './clock.js';

export interface SettleOptions {
  /** The timer each check waits for. */
  turnMs?: number;
  /** A turn later than this counts as busy. */
  maxLagMs?: number;
  /** How many on-time turns in a row mean quiet. */
  quietTurns?: number;
  /** Give up waiting after this long (a machine that stays busy is the harness checks' business). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Resolves with how long it waited, once the loop is quiet or `timeoutMs` has passed. */
export async function settle({
  turnMs = 10,
  maxLagMs = 5,
  quietTurns = 3,
  timeoutMs = 1500,
  signal,
}: SettleOptions = {}): Promise<number> {
  const start = monotonicMs();
  let quiet = 0;
  while (quiet < quietTurns && monotonicMs() - start < timeoutMs && !signal?.aborted) {
    const before = monotonicMs();
    await new Promise((resolve) => setTimeout(resolve, turnMs));
    quiet = monotonicMs() - before - turnMs <= maxLagMs ? quiet + 1 : 0;
  }
  return monotonicMs() - start;
}
