/**
 * Evaluate a parsed assertion against a cell's metrics. Pure; never throws. A null anywhere (a metric
 * that does not exist for this cell, an empty series, a division by zero) fails the comparison, and the
 * reason says which value was null and why.
 */
import { aggregate } from './aggregate.js';
import { formatNumber, formatPair } from './format.js';
import type { AggregateFn, Assertion, AssertionResult, CompareOp, Expr, MetricSource } from '../model/assertions.js';

interface Value {
  value: number | null;
  /** Why `value` is null, a sentence naming the culprit. */
  why?: string;
}

const isNull = (why: string): Value => ({ value: null, why });

/** Values of every metric reference and aggregation, by text, filled while evaluating. */
type Actual = Record<string, number | null>;

function evalExpr(e: Expr, src: MetricSource, actual: Actual): Value {
  switch (e.kind) {
    case 'number':
      return { value: e.value };
    case 'metric': {
      const v = src.lookup(e.name, e.selector, false);
      const value = v.kind === 'scalar' ? v.value : null;
      actual[e.text] = value;
      if (value !== null) return { value };
      const why = v.why ?? (v.kind === 'series' ? 'a distribution: aggregate it, e.g. p95(…)' : 'no value');
      return isNull(`${e.text} is null (${why})`);
    }
    case 'call': {
      if (e.arg.kind !== 'metric') return isNull(`${e.text}: the argument is not a metric`);
      const v = src.lookup(e.arg.name, e.arg.selector, true);
      // A scalar aggregates as a one-element series (p50 of one value is that value); null as empty.
      const values = v.kind === 'series' ? v.values : v.value === null ? [] : [v.value];
      const value = v.kind === 'series' && v.perFault ? worstPerFault(e.fn, v.perFault) : aggregate(e.fn, values);
      actual[e.text] = value;
      if (value !== null) return { value };
      return isNull(`${e.text} is null (${v.why ?? `no values of ${e.arg.text}`})`);
    }
    case 'neg': {
      const a = evalExpr(e.arg, src, actual);
      return a.value === null ? a : { value: -a.value };
    }
    case 'binary': {
      // Both sides are evaluated even when one is null, so `actual` lists every reference.
      const l = evalExpr(e.left, src, actual);
      const r = evalExpr(e.right, src, actual);
      if (l.value === null || r.value === null) {
        return isNull([l.why, r.why].filter((w): w is string => w !== undefined).join('; '));
      }
      if (e.op === '/' && r.value === 0) return isNull(`division by zero in ${e.text} (${e.right.text} is 0)`);
      const value =
        e.op === '+'
          ? l.value + r.value
          : e.op === '-'
            ? l.value - r.value
            : e.op === '*'
              ? l.value * r.value
              : l.value / r.value;
      return Number.isFinite(value) ? { value } : isNull(`${e.text} is not a finite number`);
    }
  }
}

/** Equal within a relative 1e-9, so 0.1 + 0.2 == 0.3 holds and <=, >= agree with ==. */
function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Apply a comparison operator. */
export function compare(op: CompareOp, a: number, b: number): boolean {
  const eq = near(a, b);
  switch (op) {
    case '<':
      return a < b && !eq;
    case '<=':
      return a < b || eq;
    case '>':
      return a > b && !eq;
    case '>=':
      return a > b || eq;
    case '==':
      return eq;
    case '!=':
      return !eq;
  }
}

/** References inside a compound side, "(where a 0.88, b 3)", so every number behind the result shows. */
function refsOf(e: Expr, actual: Actual, out: string[]): string[] {
  if (e.kind === 'metric' || e.kind === 'call') {
    const v = actual[e.text];
    out.push(`${e.text} ${v === null || v === undefined ? 'null' : formatNumber(v)}`);
  } else if (e.kind === 'binary') {
    refsOf(e.left, actual, out);
    refsOf(e.right, actual, out);
  } else if (e.kind === 'neg') refsOf(e.arg, actual, out);
  return out;
}

function side(e: Expr, shown: string): string {
  if (e.kind === 'number') return e.text;
  return e.kind === 'metric' || e.kind === 'call' ? `${e.text} ${shown}` : `${e.text} = ${shown}`;
}

/** Evaluate one assertion against a metric source; `protocol` is copied into the result. */
export function evaluateAssertion(a: Assertion, source: MetricSource, protocol?: string): AssertionResult {
  const actual: Actual = {};
  const base = { expr: a.source, ...(protocol !== undefined ? { protocol } : {}), actual };
  let l: Value;
  let r: Value;
  try {
    l = evalExpr(a.left, source, actual);
    r = evalExpr(a.right, source, actual);
  } catch (err) {
    return { ...base, pass: false, left: null, right: null, reason: `could not evaluate: ${(err as Error).message}` };
  }
  if (l.value === null || r.value === null) {
    const why = [l.why, r.why].filter((w): w is string => w !== undefined).join('; ');
    return { ...base, pass: false, left: l.value, right: r.value, reason: why };
  }
  const pass = compare(a.op, l.value, r.value);
  const [fl, fr] = formatPair(l.value, r.value);
  const where = [a.left, a.right]
    .filter((e) => e.kind === 'binary' || e.kind === 'neg')
    .flatMap((e) => refsOf(e, actual, []));
  const reason =
    `${side(a.left, fl)} ${pass ? '' : 'is not '}${a.op} ${side(a.right, fr)}` +
    (where.length > 0 ? ` (where ${[...new Set(where)].join(', ')})` : '');
  return { ...base, pass, left: l.value, right: r.value, reason };
}

/**
 * An aggregation of a per-fault distribution (latency in a fault's phase): taken per fault, then the
 * worst (max: these are times) over the faults whose phase holds values; counts add up.
 */
function worstPerFault(fn: AggregateFn, groups: readonly number[][]): number | null {
  const each = groups.filter((g) => g.length > 0).map((g) => aggregate(fn, g) as number);
  if (fn === 'count') return each.reduce((s, v) => s + v, 0);
  return each.length > 0 ? Math.max(...each) : null;
}
