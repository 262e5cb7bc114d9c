/**
 * The spread of one metric over the repeats of a cell: median, min, max and a 95% interval of the
 * median (median-interval.ts). A null value (e.g. a run that never recovered has no recovery_ms) is
 * never dropped silently: it is counted in `nulls`, and the statistics are over the values only —
 * every report shows the null count beside them.
 */
import { medianIntervalRanks } from './median-interval.js';

/** The default confidence level of every interval storm reports. */
export const CONFIDENCE_LEVEL = 0.95;

/** A confidence interval of the median with how it was obtained. */
export interface MedianInterval {
  lo: number;
  hi: number;
  /** 1-based ranks of lo and hi among the sorted values. */
  loRank: number;
  hiRank: number;
  /** Achieved coverage (≥ the level; order statistics give discrete steps). */
  coverage: number;
}

/** One metric over the runs of a cell. */
export interface Spread {
  /** Runs that were summarized (values plus nulls). */
  runs: number;
  /** Runs with a value. */
  n: number;
  /** Runs whose value was null. */
  nulls: number;
  median: number | null;
  min: number | null;
  max: number | null;
  /** The interval of the median, or null with `noInterval` saying why. */
  ci: MedianInterval | null;
  noInterval?: string;
}

/** Sample median: the middle value, or the mean of the two middle values; null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Smallest n for which a median interval at `level` exists (6 at 95%). */
export function minRunsForInterval(level = CONFIDENCE_LEVEL): number {
  for (let n = 1; n < 10_000; n++) if (medianIntervalRanks(n, level)) return n;
  return Infinity;
}

/** Median, min, max and the median's interval of `values`; nulls are counted, not used. */
export function spreadOf(values: readonly (number | null)[], level = CONFIDENCE_LEVEL): Spread {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  const n = present.length;
  const base = {
    runs: values.length,
    n,
    nulls: values.length - n,
    median: median(present),
    min: n ? present[0] : null,
    max: n ? present[n - 1] : null,
  };
  const ranks = medianIntervalRanks(n, level);
  if (!ranks) {
    const why =
      n === 0
        ? 'no values'
        : `${n} value${n === 1 ? '' : 's'}: a ${Math.round(level * 100)}% interval of the median needs at least ${minRunsForInterval(level)}`;
    return { ...base, ci: null, noInterval: why };
  }
  return {
    ...base,
    ci: {
      lo: present[ranks.lo - 1],
      hi: present[ranks.hi - 1],
      loRank: ranks.lo,
      hiRank: ranks.hi,
      coverage: ranks.coverage,
    },
  };
}
