/**
 * Assertion AST and results (SPEC §4). Parsed once at load time by src/assert/parse.ts;
 * evaluated against a MetricSource built from a cell's Metrics.
 */
import type { Phase } from './metrics.js';
import type { ProtocolName } from './protocol.js';

export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type AggregateFn = 'p50' | 'p90' | 'p95' | 'p99' | 'avg' | 'min' | 'max' | 'count';

/** Selectors of a metric reference: `name{phase=post, fault=1}`. */
export interface Selector {
  phase?: Phase;
  fault?: number;
}

export type Expr =
  /** A literal, already converted to the metric's base unit (ms, bytes, 0..1). */
  | { kind: 'number'; value: number; text: string }
  | { kind: 'metric'; name: string; selector: Selector; text: string }
  | { kind: 'call'; fn: AggregateFn; arg: Expr; text: string }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr; text: string }
  | { kind: 'neg'; arg: Expr; text: string };

export interface Assertion {
  /** The expression as written. */
  source: string;
  op: CompareOp;
  left: Expr;
  right: Expr;
}

/**
 * Where metric values come from: a scalar (may be null) or a series (a distribution such as
 * latency_ms, or a per-fault metric aggregated over faults).
 */
export type MetricValue =
  /** `why` says why a null value is null ("never recovered"), for the failure reason. */
  | { kind: 'scalar'; value: number | null; why?: string }
  /**
   * `why` says why a series is empty ("phase post does not exist: no fault"). `perFault`: the same
   * values split by fault; an aggregation is then taken per fault and the worst kept (SPEC §3).
   */
  | { kind: 'series'; values: number[]; why?: string; perFault?: number[][] };

export interface MetricSource {
  /** Resolve `name{selector}`; `asSeries` is true inside an aggregation function. */
  lookup(name: string, selector: Selector, asSeries: boolean): MetricValue;
}

/** The outcome of one assertion against one cell. */
export interface AssertionResult {
  expr: string;
  protocol?: string;
  pass: boolean;
  /** Every metric reference with the value it had, e.g. { "recovery_ms": 7310 }. */
  actual: Record<string, number | null>;
  /** Left and right sides after evaluation. */
  left: number | null;
  right: number | null;
  /** Human sentence with the numbers: "recovery_ms 7310 > 5000". */
  reason: string;
  /** Line of the `expect` entry in the scenario file, for annotations. */
  line?: number;
}

/** A position in the scenario file, 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}

/** One `expect` entry of a scenario, parsed. */
export interface ExpectRule {
  source: string;
  /** Only applies to this protocol. */
  protocol?: ProtocolName;
  assertion: Assertion;
  loc: SourceLocation;
}
