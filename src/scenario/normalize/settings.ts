/**
 * Normalize `metrics:`, `harness:` and `baseline:` — how a cell is measured and when its measurement
 * cannot be trusted (SPEC §2, §3). `workload.bucket` and `workload.stable_for` are the older spelling
 * of `metrics.bucket` / `metrics.stable_for` and still work; giving both spellings is an error.
 */
import { asInt, asMap, readDuration, readFraction, type Ctx } from '../read.js';
import {
  DEFAULT_BASELINE_HEALTH,
  DEFAULT_HARNESS_BOUNDS,
  DEFAULT_METRIC_SETTINGS,
  type BaselineHealth,
  type HarnessBounds,
  type MetricSettings,
} from '../types.js';

/** A duration read from `metrics.<key>`, or from `workload.<key>` (the older spelling). */
function readMoved(
  ctx: Ctx,
  metrics: Record<string, unknown>,
  workload: Record<string, unknown>,
  key: string,
): number | undefined {
  if (metrics[key] !== undefined && workload[key] !== undefined) {
    ctx.sink.add({
      path: ['workload', key],
      at: 'key',
      code: 'setting-twice',
      message: `${key} is given both under metrics: and under workload:`,
      hint: `keep metrics.${key} and delete workload.${key} (its older spelling)`,
    });
  }
  if (metrics[key] !== undefined) return readDuration(ctx, metrics[key], ['metrics', key]);
  return readDuration(ctx, workload[key], ['workload', key]);
}

/** `metrics:`; a zero bucket or recover_for is reported and replaced by its default. */
export function normalizeMetricSettings(ctx: Ctx, raw: unknown, rawWorkload: unknown): MetricSettings {
  const m = asMap(raw) ?? {};
  const w = asMap(rawWorkload) ?? {};
  const d = DEFAULT_METRIC_SETTINGS;
  const settings: MetricSettings = {
    bucketMs: readMoved(ctx, m, w, 'bucket') ?? d.bucketMs,
    minSamples: asInt(m.min_samples, 1) ?? d.minSamples,
    recoverForMs: readDuration(ctx, m.recover_for, ['metrics', 'recover_for']) ?? d.recoverForMs,
    stableForMs: readMoved(ctx, m, w, 'stable_for') ?? d.stableForMs,
  };
  if (settings.bucketMs === 0) {
    const where = m.bucket !== undefined ? 'metrics' : 'workload';
    ctx.sink.add({ path: [where, 'bucket'], code: 'bad-duration', message: 'bucket must be longer than 0ms' });
    settings.bucketMs = d.bucketMs;
  }
  return settings;
}

/** `harness:`, defaults from SPEC §2. */
export function normalizeHarnessBounds(ctx: Ctx, raw: unknown): HarnessBounds {
  const h = asMap(raw) ?? {};
  const d = DEFAULT_HARNESS_BOUNDS;
  return {
    maxIssueLagP99Ms: readDuration(ctx, h.max_issue_lag_p99, ['harness', 'max_issue_lag_p99']) ?? d.maxIssueLagP99Ms,
    maxIssueLagMs: readDuration(ctx, h.max_issue_lag, ['harness', 'max_issue_lag']) ?? d.maxIssueLagMs,
    maxLoopDelayMs: readDuration(ctx, h.max_loop_delay, ['harness', 'max_loop_delay']) ?? d.maxLoopDelayMs,
  };
}

/** `baseline:`, default min_success_rate 0.5. */
export function normalizeBaselineHealth(ctx: Ctx, raw: unknown): BaselineHealth {
  const b = asMap(raw) ?? {};
  return {
    minSuccessRate:
      readFraction(ctx, b.min_success_rate, ['baseline', 'min_success_rate']) ?? DEFAULT_BASELINE_HEALTH.minSuccessRate,
  };
}
