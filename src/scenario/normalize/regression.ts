/**
 * Normalize `regression:` — the tolerances `storm test --baseline` judges a run against a stored one
 * with (SPEC §1). Each key is a metric reference, checked by the assertion parser (so an unknown metric
 * gets the same located error and did-you-mean as in `expect`); each value a share, 20% or 0.2.
 */
import { AssertParseError, parseAssertion } from '../../assert/parse.js';
import { asMap, type Ctx } from '../read.js';
import type { RegressionTolerance } from '../types.js';

/** `20%` → 0.2, `0.2` → 0.2, `150%` → 1.5; undefined for anything else (the schema has said why). */
function tolerance(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const pct = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(v);
  if (pct) return Number(pct[1]) / 100;
  return /^\s*(\d+(\.\d+)?|\.\d+)\s*$/.test(v) ? Number(v) : undefined;
}

/** Every valid `regression:` entry, in file order. */
export function normalizeRegression(ctx: Ctx, raw: unknown): RegressionTolerance[] {
  const out: RegressionTolerance[] = [];
  for (const [metric, value] of Object.entries(asMap(raw) ?? {})) {
    const tol = tolerance(value);
    try {
      // Parsed as the left side of a comparison: the same vocabulary and selectors as `expect`.
      const probe = parseAssertion(`${metric} >= 0`);
      if (tol !== undefined) out.push({ metric: metric.trim(), probe, tolerance: tol });
    } catch (err) {
      if (!(err instanceof AssertParseError)) throw err;
      ctx.sink.add({
        path: ['regression', metric],
        at: 'key',
        code: `assert-${err.code}`,
        message: err.message,
        hint: err.hint === undefined ? undefined : `write it as: ${err.hint.replace(/\s*>=\s*0\s*$/, '').trim()}`,
      });
    }
  }
  return out;
}
