/**
 * The assertion language's public face: parse once at load time, evaluate per cell.
 */
import { metricSource } from '../metrics/lookup.js';
import type { Metrics } from '../model/metrics.js';
import { evaluateAssertion } from './evaluate.js';
import type { AssertionResult, ExpectRule } from '../model/assertions.js';

export { parseAssertion, AssertParseError } from './parse.js';
export { evaluateAssertion } from './evaluate.js';
export type { Assertion, AssertionResult, MetricSource, MetricValue } from '../model/assertions.js';

/**
 * The rules that apply to a cell of `protocol`: its own per-protocol rules, and every general rule
 * that no per-protocol rule overrides. A per-protocol rule overrides the general rules with the same
 * left-hand side, so `{ protocol: anp, expect: recovery_ms < 7000 }` next to `recovery_ms < 5000`
 * relaxes the threshold for anp instead of adding a second, weaker check.
 */
export function applicableRules(rules: ExpectRule[], protocol: string): ExpectRule[] {
  const own = rules.filter((r) => r.protocol === protocol);
  const overridden = new Set(own.map((r) => lhs(r)));
  return rules.filter((r) => r.protocol === protocol || (r.protocol === undefined && !overridden.has(lhs(r))));
}

function lhs(rule: ExpectRule): string {
  return rule.assertion.left.text.replace(/\s+/g, '');
}

/**
 * Evaluate a scenario's `expect` rules for one cell of `protocol` (see applicableRules); per-protocol
 * rules carry their protocol in the result. Without metrics every rule fails.
 */
export function evaluateRules(rules: ExpectRule[], metrics: Metrics | null, protocol: string): AssertionResult[] {
  const applicable = applicableRules(rules, protocol);
  if (metrics === null) {
    return applicable.map((r) => ({
      expr: r.source,
      ...(r.protocol !== undefined ? { protocol: r.protocol } : {}),
      pass: false,
      actual: {},
      left: null,
      right: null,
      reason: 'no metrics (cell did not run)',
      line: r.loc.line,
    }));
  }
  const source = metricSource(metrics);
  return applicable.map((r) => ({
    ...evaluateAssertion(r.assertion, source, r.protocol),
    expr: r.source,
    line: r.loc.line,
  }));
}
