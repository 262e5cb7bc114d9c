/**
 * Parsers for `storm test` options whose values need more than Number(): each returns the value,
 * or a message for a usage error (exit 2) that shows what was expected.
 */

/** `--min-pass-rate p`: a share in 0..1, also written as a percentage (`0.9`, `90%`). */
export function parseMinPassRate(text: string): number | string {
  const t = text.trim();
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(t);
  const value = pct ? Number(pct[1]) / 100 : /^\d*\.?\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    return `--min-pass-rate expects a share between 0 and 1 (e.g. 0.9 or 90%), got "${text}"`;
  }
  return value;
}

/** `--workers n|auto`: a fixed count ≥ 1, or `auto` (parallel only while the machine has headroom). */
export function parseWorkers(text: string): number | 'auto' | string {
  const t = text.trim().toLowerCase();
  if (t === 'auto') return 'auto';
  const n = Number(t);
  return /^\d+$/.test(t) && n >= 1 ? n : `--workers expects an integer ≥ 1 or "auto", got "${text}"`;
}
