/**
 * The assertion vocabulary: every metric name a scenario may reference, and how it may be selected.
 * The assertion parser checks references against this table at load time; the metric lookup
 * (src/metrics/lookup.ts) resolves them.
 */

export interface MetricInfo {
  name: string;
  /** Accepts `{phase=…}`. */
  phased: boolean;
  /** One value per fault: accepts `{fault=N}`; a bare reference is the worst over faults. */
  perFault: boolean;
  /** A distribution: must be wrapped in an aggregation such as p95(…). */
  distribution: boolean;
  unit: 'ms' | 'bytes' | 'ratio' | 'count' | 'per_s';
  doc: string;
}

const m = (name: string, unit: MetricInfo['unit'], doc: string, o: Partial<MetricInfo> = {}): MetricInfo => ({
  name,
  unit,
  doc,
  phased: false,
  perFault: false,
  distribution: false,
  ...o,
});

export const METRICS: readonly MetricInfo[] = [
  m('detect_ms', 'ms', 'fault → every survivor has declared every victim dead', { perFault: true }),
  m('recovery_ms', 'ms', 'fault → start of a sustained recovery to ≥ 90% of the pre-fault success rate', {
    perFault: true,
  }),
  m('steady_state_ms', 'ms', 'fault → start of the first stable span (success rate and p95 latency)', {
    perFault: true,
  }),
  m('reconnect_ms', 'ms', "fault → the last restarted victim's first successful exchange", { perFault: true }),
  m('bytes_reconnect', 'bytes', 'bytes on the wire in [T, T+30 s)', { perFault: true }),
  m('bytes_excess', 'bytes', 'bytes_reconnect minus the pre-fault byte rate over the same window', { perFault: true }),
  m('resolution_ms', 'ms', 'bucket width: bucket-based metrics are exact to ± this'),
  m('false_suspicions', 'count', 'detections of a live, unpaused, reachable peer'),
  m('recovered', 'count', '1 if the success rate came back after the fault, else 0', { perFault: true }),
  m('success_rate', 'ratio', 'successful / issued tasks', { phased: true, perFault: true }),
  m('success_rate_drop', 'ratio', '(S_pre − S_post) / S_pre', { perFault: true }),
  m('retention', 'ratio', 'S_post / S_pre', { perFault: true }),
  m('duplicate_work_ratio', 'ratio', 'repeated executions of a (task, step) / all executions'),
  m('accuracy', 'ratio', 'correct / ok answers', { phased: true, perFault: true }),
  m('latency_ms', 'ms', 'task latency distribution', { phased: true, perFault: true, distribution: true }),
  m('throughput', 'per_s', 'successful tasks per second', { phased: true, perFault: true }),
  m('bytes_total', 'bytes', 'all bytes on the wire'),
  m('bytes_per_task', 'bytes', 'bytes on the wire per issued task', { phased: true, perFault: true }),
  m('messages', 'count', 'requests served by agents'),
  m('tasks_issued', 'count', 'tasks issued by the driver', { phased: true, perFault: true }),
  m('tasks_ok', 'count', 'tasks answered', { phased: true, perFault: true }),
  m('tasks_failed', 'count', 'tasks with an error reply or failed send'),
  m('tasks_timeout', 'count', 'tasks without an answer in time'),
  m('tasks_lost', 'count', 'tasks never resolved (must be 0)'),
  m('restarts', 'count', 'victims restarted'),
];

/** Metric info by name. */
export const METRIC_BY_NAME: ReadonlyMap<string, MetricInfo> = new Map(METRICS.map((x) => [x.name, x]));
