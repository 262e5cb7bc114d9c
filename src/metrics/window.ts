/**
 * Time windows over issue times. A window is [from, to); a window that runs to the end of the run
 * has `to = Infinity` so the task (or wire report) stamped exactly at the run end, or a late one,
 * still lands in the last phase instead of in none.
 */

/** A half-open window [from, to) in ms; `to` may be Infinity (open to the end of the run). */
export interface Window {
  from: number;
  to: number;
}

/** Whether time t lies in the window. */
export function inWindow(t: number, w: Window): boolean {
  return t >= w.from && t < w.to;
}

/** Success rate (succeeded / issued) of counts, null when nothing was issued. */
export function rate(succeeded: number, issued: number): number | null {
  return issued > 0 ? succeeded / issued : null;
}

/** Tolerance for comparing rates with a threshold: 9/10 against 0.9·1 must not count as a dip. */
export const EPS = 1e-9;

/** True when `value` is below `threshold` by more than float noise. */
export function below(value: number, threshold: number): boolean {
  return value < threshold - EPS;
}
