/**
 * Units must fit: `recovery_ms < 5kb` parses, but compares a time with a size and would pass or fail
 * for a meaningless reason. Each side of a comparison (and of `+`/`-`) gets a dimension from the metric
 * vocabulary (src/metrics/names.ts) and from the unit written after a literal; a literal with a unit
 * that does not fit the other side is an error naming the right unit. A bare number fits anything,
 * and products of two measured quantities are not checked (their unit has no name here).
 */
import { METRIC_BY_NAME, type MetricInfo } from '../metrics/names.js';
import { AssertParseError } from './errors.js';
import type { Assertion, Expr } from '../model/assertions.js';

type Unit = MetricInfo['unit'];

/** What a side measures: a metric unit, a bare number (fits anything), or unknown (not checked). */
type Dim = { unit: Unit; literal?: Expr } | 'bare' | 'unknown';

const TIME = /(ms|s|m|h)$/;
const SIZE = /(b|kb|mb|gb|kib|mib|gib)$/i;

/** How each unit reads in a message, and how to write a threshold in it. */
const UNIT_WORDS: Record<Unit, { what: string; write: string }> = {
  ms: { what: 'a time', write: 'a time such as 500ms, 5s or 2m, or a plain number of milliseconds' },
  bytes: { what: 'a size in bytes', write: 'a size such as 512b, 10kb or 2mb, or a plain number of bytes' },
  ratio: { what: 'a ratio from 0 to 1', write: 'a fraction such as 90% or 0.9' },
  count: { what: 'a count', write: 'a plain number, e.g. 3' },
  per_s: { what: 'a rate per second', write: 'a plain number of tasks per second, e.g. 20' },
};

function literalUnit(text: string): Unit | undefined {
  if (text.endsWith('%')) return 'ratio';
  if (SIZE.test(text)) return 'bytes';
  if (TIME.test(text)) return 'ms';
  return undefined;
}

/** What a side names, for the message: "recovery_ms", "p95(latency_ms)", or the literal "1s". */
function subject(d: Dim, e: Expr): string {
  return (typeof d === 'object' && d.literal ? d.literal : e).text.trim();
}

function mismatch(a: { dim: Dim; expr: Expr }, b: { dim: Dim; expr: Expr }, startOf: (e: Expr) => number): never {
  const [lit, other] = typeof b.dim === 'object' && b.dim.literal ? [b, a] : [a, b];
  const litDim = lit.dim as { unit: Unit; literal?: Expr };
  const otherUnit = (other.dim as { unit: Unit }).unit;
  const target = litDim.literal ?? lit.expr;
  const words = UNIT_WORDS[otherUnit];
  const named = subject(other.dim, other.expr);
  const fix = litDim.literal ? `: write ${words.write}` : '; they cannot be added, subtracted or compared';
  throw new AssertParseError(
    `${target.text.trim()} is ${UNIT_WORDS[litDim.unit].what}, but ${named} is ${words.what}${fix}`,
    startOf(target),
    undefined,
    'unit-mismatch',
  );
}

/** The dimension of a sum, a difference or a comparison of `a` and `b`; throws when they differ. */
function same(a: { dim: Dim; expr: Expr }, b: { dim: Dim; expr: Expr }, startOf: (e: Expr) => number): Dim {
  if (a.dim === 'unknown' || b.dim === 'unknown') return 'unknown';
  if (a.dim === 'bare') return b.dim;
  if (b.dim === 'bare') return a.dim;
  if (a.dim.unit !== b.dim.unit) mismatch(a, b, startOf);
  return a.dim.literal ? b.dim : a.dim;
}

/** A factor that scales without changing the unit: a bare number or a written percentage (90% of …). */
function isScale(d: Dim): boolean {
  return d === 'bare' || (typeof d === 'object' && d.unit === 'ratio' && d.literal !== undefined);
}

function dimOf(e: Expr, startOf: (e: Expr) => number): Dim {
  switch (e.kind) {
    case 'number': {
      const unit = literalUnit(e.text.trim());
      return unit ? { unit, literal: e } : 'bare';
    }
    case 'metric': {
      const info = METRIC_BY_NAME.get(e.name);
      return info ? { unit: info.unit } : 'unknown';
    }
    case 'call':
      return e.fn === 'count' ? { unit: 'count' } : dimOf(e.arg, startOf);
    case 'neg':
      return dimOf(e.arg, startOf);
    case 'binary': {
      const left = { dim: dimOf(e.left, startOf), expr: e.left };
      const right = { dim: dimOf(e.right, startOf), expr: e.right };
      if (e.op === '+' || e.op === '-') return same(left, right, startOf);
      if (isScale(right.dim)) return left.dim;
      if (e.op === '*' && isScale(left.dim)) return right.dim;
      // time / time and the like: a plain number.
      if (
        e.op === '/' &&
        typeof left.dim === 'object' &&
        typeof right.dim === 'object' &&
        left.dim.unit === right.dim.unit
      )
        return 'bare';
      return 'unknown';
    }
  }
}

/** Throw an AssertParseError (code unit-mismatch) when the two sides of `a` measure different things. */
export function checkUnits(a: Assertion, startOf: (e: Expr) => number): void {
  same({ dim: dimOf(a.left, startOf), expr: a.left }, { dim: dimOf(a.right, startOf), expr: a.right }, startOf);
}
