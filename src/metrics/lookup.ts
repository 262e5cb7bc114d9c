/**
 * Resolves assertion metric references (`name{phase=…, fault=N}`) against one cell's Metrics, with a
 * reason for every null so a failed assertion can say "recovery_ms is null (never recovered)".
 * Semantics are documented in docs/assertions.md.
 */
import type { MetricSource, MetricValue, Selector } from '../assert/types.js';
import type { FaultRecord, Metrics, Phase, PhaseMetrics } from './types.js';

type Scalar = Extract<MetricValue, { kind: 'scalar' }>;
const scalar = (value: number | null, why?: string): Scalar =>
  value === null ? { kind: 'scalar', value, why: why ?? 'no value' } : { kind: 'scalar', value };

const PER_FAULT = ['detect_ms', 'recovery_ms', 'steady_state_ms', 'reconnect_ms', 'bytes_reconnect', 'recovered', 'success_rate_drop'] as const;
type PerFaultName = (typeof PER_FAULT)[number];

/** Phased metric → the PhaseMetrics field it reads. */
const PHASE_FIELD = {
  success_rate: 'success_rate',
  accuracy: 'accuracy',
  throughput: 'throughput',
  bytes_per_task: 'bytes_per_task',
  tasks_issued: 'issued',
  tasks_ok: 'ok',
} as const satisfies Record<string, keyof PhaseMetrics>;

const TOP_LEVEL = ['tasks_failed', 'tasks_timeout', 'tasks_lost', 'messages', 'restarts', 'bytes_total', 'duplicate_work_ratio'] as const;

const NO_FAULTS = 'the scenario has no faults';

/** (pre − post) / pre from a fault's phases, for records without their own success_rate_drop. */
function dropFromPhases(f: FaultRecord): Scalar {
  const pre = f.phases.pre.success_rate;
  const post = f.phases.post.success_rate;
  if (pre === null) return scalar(null, `no tasks issued before fault ${f.fault}`);
  if (pre === 0) return scalar(null, `the success rate before fault ${f.fault} is 0`);
  if (post === null) return scalar(null, f.recovered ? `no tasks issued after fault ${f.fault} recovered` : 'never recovered');
  return scalar((pre - post) / pre);
}

/** One fault's value of a per-fault metric, and why it is null. */
function faultValue(m: Metrics, f: FaultRecord, name: PerFaultName): Scalar {
  switch (name) {
    case 'recovered':
      return scalar(f.recovered ? 1 : 0);
    case 'recovery_ms':
      return scalar(f.recovery_ms, f.recovered ? 'recovery not measured' : 'never recovered');
    case 'detect_ms':
      return scalar(f.detect_ms, f.victims.length === 0 ? 'the fault has no victims to detect' : 'the survivors never declared every victim dead');
    case 'steady_state_ms':
      return scalar(f.steady_state_ms, f.recovered ? 'never stayed stable long enough' : 'never recovered');
    case 'reconnect_ms':
      return scalar(f.reconnect_ms, m.restarts === 0 ? 'no victim was restarted' : 'no successful exchange with a restarted victim');
    case 'bytes_reconnect':
      return scalar(f.bytes_reconnect);
    case 'success_rate_drop': {
      const fromPhases = dropFromPhases(f);
      // The metrics' own per-fault value wins when present (it also covers a fault that never recovered).
      if (f.success_rate_drop === undefined) return fromPhases;
      return scalar(f.success_rate_drop, fromPhases.why ?? 'not measured');
    }
  }
}

function findFault(m: Metrics, n: number): FaultRecord | string {
  const f = m.faults.find((x) => x.fault === n);
  if (f) return f;
  if (m.faults.length === 0) return NO_FAULTS;
  return `no fault ${n}: the cell has ${m.faults.length} fault${m.faults.length === 1 ? '' : 's'}, numbered from 0`;
}

function perFault(m: Metrics, name: PerFaultName, sel: Selector, asSeries: boolean): MetricValue {
  if (sel.fault !== undefined) {
    const f = findFault(m, sel.fault);
    if (typeof f === 'string') return asSeries ? { kind: 'series', values: [], why: f } : scalar(null, f);
    return faultValue(m, f, name);
  }
  if (m.faults.length === 0) return asSeries ? { kind: 'series', values: [], why: NO_FAULTS } : scalar(null, NO_FAULTS);
  const each = m.faults.map((f) => ({ f, v: faultValue(m, f, name) }));
  // Only kills, pauses and partitions have peers to detect, so other faults' nulls do not explain detect_ms.
  const culprits = name === 'detect_ms' ? each.filter((x) => x.f.kind === 'kill' || x.f.kind === 'pause' || x.f.kind === 'partition') : each;
  const firstNull = culprits.find((x) => x.v.value === null);
  const why = firstNull
    ? m.faults.length === 1 ? firstNull.v.why : `fault ${firstNull.f.fault}: ${firstNull.v.why}`
    : name === 'detect_ms' ? 'no fault kills, pauses or partitions an agent' : name === 'reconnect_ms' ? 'no victim was restarted' : undefined;
  if (asSeries) {
    const values = each.map((x) => x.v.value).filter((v): v is number => v !== null);
    return values.length > 0 ? { kind: 'series', values } : { kind: 'series', values, why };
  }
  const top = name === 'recovered' ? (m.recovered === null ? null : m.recovered ? 1 : 0) : m[name];
  return scalar(top, why);
}

/** The PhaseMetrics a selector designates, with a description for reasons, or why there is none. */
function phaseOf(m: Metrics, sel: Selector): { pm: PhaseMetrics; scope: string } | string {
  if (sel.fault === undefined) {
    return sel.phase === undefined ? { pm: m.overall, scope: 'the run' } : { pm: m.phases[sel.phase], scope: `phase ${sel.phase}` };
  }
  const f = findFault(m, sel.fault);
  if (typeof f === 'string') return f;
  if (sel.phase === undefined) return `fault=${sel.fault} needs a phase`;
  return { pm: f.phases[sel.phase], scope: `phase ${sel.phase} of fault ${sel.fault}` };
}

function phaseWhy(m: Metrics, pm: PhaseMetrics, scope: string, phase: Phase | undefined, field: string): string {
  if (pm.from === null) {
    if (m.faults.length === 0) return `${scope} does not exist: ${NO_FAULTS}`;
    return `${scope} does not exist${phase === 'post' ? ': never recovered' : ''}`;
  }
  if (pm.issued === 0) return `no tasks issued in ${scope}`;
  if (field === 'accuracy') return `no gold answers or no answered tasks in ${scope}`;
  return `not measured in ${scope}`;
}

function phased(m: Metrics, name: string, sel: Selector, asSeries: boolean): MetricValue {
  // Bare counts are the whole run's, including warmup; m.overall starts after warmup.
  if (sel.phase === undefined && sel.fault === undefined && (name === 'tasks_issued' || name === 'tasks_ok')) {
    return scalar(m[name]);
  }
  const chosen = phaseOf(m, sel);
  if (typeof chosen === 'string') return asSeries ? { kind: 'series', values: [], why: chosen } : scalar(null, chosen);
  const { pm, scope } = chosen;
  if (name === 'latency_ms') {
    if (!asSeries) return scalar(null, 'latency_ms is a distribution: aggregate it, e.g. p95(latency_ms)');
    if (pm.latencies.length > 0) return { kind: 'series', values: pm.latencies };
    const why = pm.from === null ? phaseWhy(m, pm, scope, sel.phase, name) : `no successful tasks in ${scope}`;
    return { kind: 'series', values: [], why };
  }
  const field = PHASE_FIELD[name as keyof typeof PHASE_FIELD];
  return scalar(pm[field], phaseWhy(m, pm, scope, sel.phase, field));
}

/** Resolve one reference; unknown names are null with a reason rather than an exception. */
export function lookupMetric(m: Metrics, name: string, sel: Selector, asSeries: boolean): MetricValue {
  if ((PER_FAULT as readonly string[]).includes(name)) return perFault(m, name as PerFaultName, sel, asSeries);
  if (name in PHASE_FIELD || name === 'latency_ms') return phased(m, name, sel, asSeries);
  if ((TOP_LEVEL as readonly string[]).includes(name)) {
    const v = m[name as (typeof TOP_LEVEL)[number]];
    return scalar(v, name === 'duplicate_work_ratio' ? 'no executions recorded' : undefined);
  }
  return scalar(null, `unknown metric ${name}`);
}

/** A MetricSource over one cell's Metrics, for evaluateAssertion. */
export function metricSource(m: Metrics): MetricSource {
  return { lookup: (name, selector, asSeries) => lookupMetric(m, name, selector, asSeries) };
}
