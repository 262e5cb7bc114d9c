/**
 * A distribution-free confidence interval for the median, from order statistics.
 *
 * With n independent runs sorted as x(1) ≤ … ≤ x(n), the number B of runs below the true median is
 * Binomial(n, ½) whatever the metric's distribution, so the interval [x(j), x(k)] (1-based ranks)
 * holds the median with probability P(j ≤ B < k). storm uses the symmetric pair k = n + 1 − j with
 * the largest j whose coverage still reaches the level — the narrowest such interval. Coverage
 * comes in discrete steps, so the achieved coverage (≥ the level) is reported with the ranks. No
 * pair reaches 95% below n = 6 (even [x(1), x(n)] holds the median with 1 − 2·2⁻ⁿ = 93.75% at
 * n = 5): then there is no interval, and callers must say so rather than show min–max.
 * Ties (bucketed metrics repeat values) only make the closed interval more conservative.
 */

/** Ranks and achieved coverage of a median interval, for a sample of size n. */
export interface MedianIntervalRanks {
  /** 1-based rank of the lower bound. */
  lo: number;
  /** 1-based rank of the upper bound. */
  hi: number;
  /** P(lo ≤ Binomial(n, ½) < hi): the probability the interval holds the median. */
  coverage: number;
}

/** P(B = i) for B ~ Binomial(n, ½), i = 0..n, computed in log space so large n cannot underflow. */
export function halfBinomialPmf(n: number): number[] {
  const out: number[] = [];
  let logChoose = 0;
  const logTotal = n * Math.LN2;
  for (let i = 0; i <= n; i++) {
    out.push(Math.exp(logChoose - logTotal));
    logChoose += Math.log(n - i) - Math.log(i + 1);
  }
  return out;
}

/** P(lo ≤ Binomial(n, ½) < hi): the coverage of [x(lo), x(hi)]. */
export function orderStatisticCoverage(n: number, lo: number, hi: number): number {
  const pmf = halfBinomialPmf(n);
  let sum = 0;
  for (let i = Math.max(0, lo); i < Math.min(hi, n + 1); i++) sum += pmf[i];
  return Math.min(1, sum);
}

/**
 * The narrowest symmetric ranks [j, n+1−j] whose coverage reaches `level`, or null when none does
 * (n < 6 at 95%).
 */
export function medianIntervalRanks(n: number, level = 0.95): MedianIntervalRanks | null {
  if (!Number.isInteger(n) || n < 1) return null;
  const pmf = halfBinomialPmf(n);
  // Tail below rank j: P(B < j) = pmf[0] + … + pmf[j-1]; by symmetry the upper tail is the same.
  let tail = 0;
  let best: MedianIntervalRanks | null = null;
  for (let j = 1; j <= Math.floor((n + 1) / 2); j++) {
    tail += pmf[j - 1];
    const coverage = 1 - 2 * tail;
    // A tiny tolerance: 1 − 2·tail is computed, and an exact 0.95 must not fail on rounding.
    if (coverage < level - 1e-12) break;
    best = { lo: j, hi: n + 1 - j, coverage };
  }
  // j = k (odd n, the middle rank alone) is a point, not an interval: it never reaches a useful level.
  return best && best.lo < best.hi ? best : null;
}
