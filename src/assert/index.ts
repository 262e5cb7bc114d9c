/**
 * The assertion language's public face: parse once at load time, evaluate per cell.
 */
import { metricSource } from '../metrics/lookup.js';
import type { Metrics } from '../metrics/types.js';
import type { ExpectRule } from '../scenario/types.js';
import { evaluateAssertion } from './evaluate.js';
import type { AssertionResult } from './types.js';

export { parseAssertion, AssertParseError } from './parse.js';
export { evaluateAssertion } from './evaluate.js';
export type { Assertion, AssertionResult, MetricSource, MetricValue } from './types.js';

/**
 * Evaluate a scenario's `expect` rules for one cell of `protocol`. Rules bound to another protocol are
 * skipped; per-protocol rules carry their protocol in the result. Without metrics every rule fails.
 */
export function evaluateRules(rules: ExpectRule[], metrics: Metrics | null, protocol: string): AssertionResult[] {
  const applicable = rules.filter((r) => r.protocol === undefined || r.protocol === protocol);
  if (metrics === null) {
    return applicable.map((r) => ({
      expr: r.source,
      ...(r.protocol !== undefined ? { protocol: r.protocol } : {}),
      pass: false,
      actual: {},
      left: null,
      right: null,
      reason: 'no metrics (cell did not run)',
    }));
  }
  const source = metricSource(metrics);
  return applicable.map((r) => ({ ...evaluateAssertion(r.assertion, source, r.protocol), expr: r.source }));
}
