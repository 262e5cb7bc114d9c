/**
 * Numbers in assertion reasons: short enough to read, precise enough to see why a comparison failed.
 */

function trimmed(v: number, digits: number): string {
  return String(Number(v.toPrecision(digits)));
}

/** Integers as they are, ≥ 100 rounded to an integer (ms, bytes), smaller values to 3 significant digits. */
export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  if (Math.abs(v) >= 100) return String(Math.round(v));
  return trimmed(v, 3);
}

/**
 * Both sides of a comparison; when they would print alike but differ (0.8996 vs 0.9), add digits
 * until they do not, so a reason never reads "0.9 is not >= 0.9".
 */
export function formatPair(a: number, b: number): [string, string] {
  let fa = formatNumber(a);
  let fb = formatNumber(b);
  for (let digits = 4; fa === fb && a !== b && digits <= 17; digits++) {
    fa = trimmed(a, digits);
    fb = trimmed(b, digits);
  }
  return [fa, fb];
}
