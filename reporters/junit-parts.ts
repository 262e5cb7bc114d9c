/** Small pieces junit-xml.ts and junit-repeats.ts share. */
import type { ReadonlyView } from '../src/model/readonly.js';
import { escapeXmlAttr } from '../src/report/escape.js';
import { formatNumber } from '../src/report/format.js';
import type { CellResult } from '../src/model/results.js';

/** Seconds with 3 decimals (the Jenkins schema rejects more). */
export const secs = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

/** ` k="v"` attributes, escaped. */
export const attrs = (o: Record<string, string | number>): string =>
  Object.entries(o)
    .map(([k, v]) => ` ${k}="${escapeXmlAttr(String(v))}"`)
    .join('');

/** The failed assertions of a run, one line each, with their actual values. */
export function failureLines(cell: ReadonlyView<CellResult>): string[] {
  return cell.assertions
    .filter((a) => !a.pass)
    .map((a) => {
      const actual = Object.entries(a.actual)
        .map(([k, v]) => `${k}=${formatNumber(v)}`)
        .join(', ');
      return `${a.protocol ? `[${a.protocol}] ` : ''}${a.expr} — ${a.reason} (actual: ${actual || 'none'})`;
    });
}
