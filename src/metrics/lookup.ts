/**
 * Resolves assertion metric references (`name{phase=…, fault=N}`) against one cell's Metrics, with a
 * reason for every null so a failed assertion can say "recovery_ms is null (never recovered)".
 * A bare per-fault or fault/post-phase reference is the worst over faults (SPEC §3); semantics are
 * documented in docs/assertions.md and docs/metrics.md.
 */
import type { MetricSource, MetricValue, Selector } from '../model/assertions.js';
import type { FaultRecord, Metrics, Phase, PhaseMetrics } from '../model/metrics.js';

type Scalar = Extract<MetricValue, { kind: 'scalar' }>;
type Series = Extract<MetricValue, { kind: 'series' }>;
const scalar = (value: number | null, why?: string): Scalar =>
  value === null ? { kind: 'scalar', value, why: why ?? 'no value' } : { kind: 'scalar', value };

const PER_FAULT = [
  'detect_ms',
  'recovery_ms',
  'steady_state_ms',
  'reconnect_ms',
  'bytes_reconnect',
  'bytes_excess',
  'recovered',
  'success_rate_drop',
  'retention',
] as const;
type PerFaultName = (typeof PER_FAULT)[number];

/** Phased metric → the PhaseMetrics field it reads, and how the worst over faults is taken. */
const PHASE_FIELD = {
  success_rate: { field: 'success_rate', worst: 'min' },
  accuracy: { field: 'accuracy', worst: 'min' },
  throughput: { field: 'throughput', worst: 'min' },
  bytes_per_task: { field: 'bytes_per_task', worst: 'max' },
  tasks_issued: { field: 'issued', worst: 'sum' },
  tasks_ok: { field: 'ok', worst: 'sum' },
} as const satisfies Record<string, { field: keyof PhaseMetrics; worst: 'min' | 'max' | 'sum' }>;

const TOP_LEVEL = [
  'tasks_failed',
  'tasks_timeout',
  'tasks_lost',
  'messages',
  'restarts',
  'bytes_total',
  'duplicate_work_ratio',
  'false_suspicions',
  'resolution_ms',
] as const;

const NO_FAULTS = 'the scenario has no faults';
const UNMETERED = 'bytes are not counted for agents storm cannot meter';

/** Why a fault's recovery-type value is null. */
function recoveryWhy(f: FaultRecord): string {
  switch (f.no_evidence) {
    case 'no_baseline':
      return 'no task was issued before the fault, so there is no baseline';
    case 'baseline_zero':
      return 'no task succeeded before the fault (S_pre = 0): nothing to recover to';
    case 'no_evidential_bucket':
      return 'no bucket after the fault holds enough tasks (min_samples / 2) to judge it';
    default:
      return f.recovered ? 'never stayed stable long enough' : 'never recovered';
  }
}

/** One fault's value of a per-fault metric, and why it is null. */
function faultValue(m: Metrics, f: FaultRecord, name: PerFaultName): Scalar {
  switch (name) {
    case 'recovered':
      return scalar(f.no_evidence ? null : f.recovered ? 1 : 0, recoveryWhy(f));
    case 'recovery_ms':
      return scalar(f.recovery_ms, recoveryWhy(f));
    case 'detect_ms':
      return scalar(
        f.detect_ms,
        f.victims.length === 0
          ? 'the fault has no victims to detect'
          : 'the survivors never declared every victim dead',
      );
    case 'steady_state_ms':
      return scalar(f.steady_state_ms, recoveryWhy(f));
    case 'reconnect_ms':
      return scalar(
        f.reconnect_ms,
        m.restarts === 0 ? 'no victim was restarted' : 'no successful exchange with a restarted victim',
      );
    case 'bytes_reconnect':
    case 'bytes_excess':
      return scalar(f[name], m.bytes_total === null ? UNMETERED : 'no pre-fault window to take a byte rate from');
    case 'success_rate_drop':
    case 'retention':
      return scalar(f[name], dropWhy(f));
  }
}

function dropWhy(f: FaultRecord): string {
  if (f.s_pre === null) return `no tasks issued before fault ${f.fault}`;
  if (f.s_pre === 0) return `the success rate before fault ${f.fault} is 0`;
  if (f.phases.post.from === null) return `${recoveryWhy(f)}: fault ${f.fault} has no post phase`;
  return `no tasks issued after fault ${f.fault} recovered`;
}

function findFault(m: Metrics, n: number): FaultRecord | string {
  const f = m.faults.find((x) => x.fault === n);
  if (f) return f;
  if (m.faults.length === 0) return NO_FAULTS;
  return `no fault ${n}: the cell has ${m.faults.length} fault${m.faults.length === 1 ? '' : 's'}, numbered from 0`;
}

const DETECTABLE = new Set(['kill', 'pause', 'blackhole', 'partition']);

function perFault(m: Metrics, name: PerFaultName, sel: Selector, asSeries: boolean): MetricValue {
  if (sel.fault !== undefined) {
    const f = findFault(m, sel.fault);
    if (typeof f === 'string') return asSeries ? { kind: 'series', values: [], why: f } : scalar(null, f);
    return faultValue(m, f, name);
  }
  if (m.faults.length === 0) return asSeries ? { kind: 'series', values: [], why: NO_FAULTS } : scalar(null, NO_FAULTS);
  const each = m.faults.map((f) => ({ f, v: faultValue(m, f, name) }));
  // Only kills, pauses, blackholes and partitions have peers to detect, so other faults' nulls do not explain detect_ms.
  const culprits = name === 'detect_ms' ? each.filter((x) => DETECTABLE.has(x.f.kind)) : each;
  const firstNull = culprits.find((x) => x.v.value === null);
  const why = firstNull
    ? m.faults.length === 1
      ? firstNull.v.why
      : `fault ${firstNull.f.fault}: ${firstNull.v.why}`
    : name === 'detect_ms'
      ? 'no fault kills, pauses, blackholes or partitions an agent'
      : name === 'reconnect_ms'
        ? 'no victim was restarted'
        : undefined;
  if (asSeries) {
    const values = each.map((x) => x.v.value).filter((v): v is number => v !== null);
    return values.length > 0 ? { kind: 'series', values } : { kind: 'series', values, why };
  }
  const top =
    name === 'recovered'
      ? m.recovered === null || each.some((x) => x.v.value === null)
        ? null
        : m.recovered
          ? 1
          : 0
      : m[name];
  return scalar(top, why);
}

/** The PhaseMetrics a selector designates (one or one per fault), with a description for reasons. */
function phasesOf(m: Metrics, sel: Selector): { pms: PhaseMetrics[]; scope: string } | string {
  if (sel.fault !== undefined) {
    const f = findFault(m, sel.fault);
    if (typeof f === 'string') return f;
    if (sel.phase === undefined) return `fault=${sel.fault} needs a phase`;
    return { pms: [f.phases[sel.phase]], scope: `phase ${sel.phase} of fault ${sel.fault}` };
  }
  if (sel.phase === undefined) return { pms: [m.overall], scope: 'the run' };
  if (sel.phase === 'pre' || m.faults.length === 0) return { pms: [m.phases[sel.phase]], scope: `phase ${sel.phase}` };
  // fault and post: each fault's own phase; the bare value is the worst over them
  return { pms: m.faults.map((f) => f.phases[sel.phase as Phase]), scope: `phase ${sel.phase}` };
}

function phaseWhy(
  m: Metrics,
  pms: readonly PhaseMetrics[],
  scope: string,
  phase: Phase | undefined,
  field: string,
): string {
  if (pms.every((pm) => pm.from === null)) {
    if (m.faults.length === 0) return `${scope} does not exist: ${NO_FAULTS}`;
    return `${scope} does not exist${phase === 'post' ? ': never recovered' : ''}`;
  }
  if (pms.every((pm) => pm.issued === 0)) return `no tasks issued in ${scope}`;
  if (field === 'accuracy') return `no gold answers, an oracle tool, or no answered tasks in ${scope}`;
  if (field === 'bytes_per_task' && m.bytes_total === null) return UNMETERED;
  return `not measured in ${scope}`;
}

function worstOf(values: readonly (number | null)[], worst: 'min' | 'max' | 'sum'): number | null {
  const known = values.filter((v): v is number => v !== null);
  if (worst === 'sum') return known.reduce((s, v) => s + v, 0);
  if (known.length === 0) return null;
  return worst === 'min' ? Math.min(...known) : Math.max(...known);
}

function phased(m: Metrics, name: string, sel: Selector, asSeries: boolean): MetricValue {
  // Bare counts are the whole run's, including warmup; m.overall starts after warmup.
  if (sel.phase === undefined && sel.fault === undefined && (name === 'tasks_issued' || name === 'tasks_ok')) {
    return scalar(m[name]);
  }
  const chosen = phasesOf(m, sel);
  if (typeof chosen === 'string') return asSeries ? { kind: 'series', values: [], why: chosen } : scalar(null, chosen);
  const { pms, scope } = chosen;
  if (name === 'latency_ms') {
    if (!asSeries) return scalar(null, 'latency_ms is a distribution: aggregate it, e.g. p95(latency_ms)');
    const series: Series = { kind: 'series', values: pms.flatMap((pm) => pm.latencies) };
    if (pms.length > 1) series.perFault = pms.map((pm) => pm.latencies);
    if (series.values.length > 0) return series;
    const why = pms.every((pm) => pm.from === null)
      ? phaseWhy(m, pms, scope, sel.phase, name)
      : `no successful tasks in ${scope}`;
    return { ...series, why };
  }
  const { field, worst } = PHASE_FIELD[name as keyof typeof PHASE_FIELD];
  const value = worstOf(
    pms.filter((pm) => pm.from !== null).map((pm) => pm[field] as number | null),
    worst,
  );
  return scalar(value, phaseWhy(m, pms, scope, sel.phase, field));
}

/** Resolve one reference; unknown names are null with a reason rather than an exception. */
export function lookupMetric(m: Metrics, name: string, sel: Selector, asSeries: boolean): MetricValue {
  if ((PER_FAULT as readonly string[]).includes(name)) return perFault(m, name as PerFaultName, sel, asSeries);
  if (name in PHASE_FIELD || name === 'latency_ms') return phased(m, name, sel, asSeries);
  if ((TOP_LEVEL as readonly string[]).includes(name)) {
    const v = m[name as (typeof TOP_LEVEL)[number]];
    const why =
      name === 'duplicate_work_ratio'
        ? 'no executions recorded'
        : name === 'bytes_total' || name === 'messages'
          ? UNMETERED
          : undefined;
    return scalar(v, why);
  }
  return scalar(null, `unknown metric ${name}`);
}

/** A MetricSource over one cell's Metrics, for evaluateAssertion. */
export function metricSource(m: Metrics): MetricSource {
  return { lookup: (name, selector, asSeries) => lookupMetric(m, name, selector, asSeries) };
}
