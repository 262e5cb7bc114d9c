/**
 * The bucket width w (SPEC §3): the smallest multiple of `bucket` in which the workload issues at least
 * `min_samples` tasks — at the declared rate for an open workload (so one task more or less never
 * changes w), at the observed pre-fault issue rate for a closed one. Reported as `resolution_ms`.
 */
import type { TaskRecord } from './tasks.js';

export interface ResolutionInputs {
  bucketMs: number;
  minSamples: number;
  /** Declared tasks per second of an open workload; undefined for a closed one. */
  ratePerSec?: number;
  warmupMs: number;
  /** The first fault's time, or the run end without faults: the pre-fault window is [warmup, this). */
  preEndMs: number;
}

/** w in ms: a multiple of bucketMs, at least bucketMs. */
export function bucketWidth(tasks: readonly TaskRecord[], inp: ResolutionInputs): number {
  const perMs = inp.ratePerSec !== undefined ? inp.ratePerSec / 1000 : observedRate(tasks, inp.warmupMs, inp.preEndMs);
  if (!(perMs > 0)) return inp.bucketMs;
  const perBucket = perMs * inp.bucketMs;
  // 1e-9: 10 / (20/s · 0.5 s) is exactly 1 bucket, not 1.0000000002
  return inp.bucketMs * Math.max(1, Math.ceil(inp.minSamples / perBucket - 1e-9));
}

/** Tasks issued per ms in [from, to); 0 for an empty window. */
function observedRate(tasks: readonly TaskRecord[], from: number, to: number): number {
  if (!(to > from)) return 0;
  return tasks.filter((t) => t.issued >= from && t.issued < to).length / (to - from);
}
