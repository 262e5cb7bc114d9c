/** Normalize `workload:`: the open (rate) or closed (concurrency) model, timeouts, windows, the flow. */
import { atMost, LIMIT_REASONS, MAX_CONCURRENCY, MAX_RATE_PER_S, MAX_TASKS_PER_RUN } from '../limits.js';
import { asMap, asString, readBounded, readDuration, readRate, type Ctx } from '../read.js';
import { describeValue, formatMs } from '../units.js';
import type { PathSeg } from '../yaml/locate.js';
import type { FlowStep, Workload } from '../types.js';

/** Default message type of a flow step without one. */
export const DEFAULT_MESSAGE_TYPE = 'task';

/** The rate, at most MAX_RATE_PER_S (reported with the reason and clamped). */
function readRateWithin(ctx: Ctx, v: unknown, path: readonly PathSeg[]): number | undefined {
  const rate = readRate(ctx, v, path);
  if (rate === undefined || rate <= MAX_RATE_PER_S) return rate;
  ctx.sink.add({
    path,
    code: 'over-limit',
    message: atMost(`${MAX_RATE_PER_S} tasks per second`, describeValue(v), LIMIT_REASONS.rate),
    hint: 'for more load, use concurrency: <tasks in flight> (the closed model issues a task as soon as one ends)',
  });
  return MAX_RATE_PER_S;
}

/**
 * Tasks one cell issues: rate × duration in the open model. Past MAX_TASKS_PER_RUN the run would hold
 * more history than it can analyse. (The closed model is bounded by its concurrency and the latency.)
 */
export function checkTasksPerRun(ctx: Ctx, workload: Workload, durationMs: number | undefined): void {
  if (workload.ratePerSec === undefined || durationMs === undefined) return;
  const tasks = Math.ceil(workload.ratePerSec * (durationMs / 1000));
  if (tasks <= MAX_TASKS_PER_RUN) return;
  ctx.sink.add({
    path: ['workload', 'rate'],
    code: 'over-limit',
    message: atMost(`${MAX_TASKS_PER_RUN} tasks per run`, `${tasks} (rate × duration)`, LIMIT_REASONS.tasks),
    hint: `lower the rate or the duration (at this rate, ${formatMs(Math.floor((MAX_TASKS_PER_RUN / workload.ratePerSec) * 1000))} at most)`,
  });
}

/** Normalize the workload; defaults: 10/s, task_timeout 5s, success correct. (bucket/stable_for: settings.ts.) */
export function normalizeWorkload(ctx: Ctx, raw: unknown): Workload {
  const w = asMap(raw) ?? {};
  const base = ['workload'];
  const workload: Workload = {
    taskTimeoutMs: readDuration(ctx, w.task_timeout, [...base, 'task_timeout']) ?? 5000,
    success: w.success === 'reply' ? 'reply' : 'correct',
    messageFlow: [],
  };
  if (w.rate !== undefined && w.concurrency !== undefined) {
    ctx.sink.add({
      path: [...base, 'concurrency'],
      at: 'key',
      code: 'rate-and-concurrency',
      message:
        'give either rate (open model: tasks per second) or concurrency (closed model: tasks in flight), not both',
    });
  }
  const concurrency = readBounded(ctx, w.concurrency, [...base, 'concurrency'], {
    min: 1,
    max: MAX_CONCURRENCY,
    unit: 'tasks in flight',
    reason: LIMIT_REASONS.concurrency,
  });
  if (concurrency !== undefined) workload.concurrency = concurrency;
  else workload.ratePerSec = readRateWithin(ctx, w.rate, [...base, 'rate']) ?? 10;
  if (workload.taskTimeoutMs === 0) {
    ctx.sink.add({
      path: [...base, 'task_timeout'],
      code: 'bad-duration',
      message: 'task_timeout must be longer than 0ms',
    });
  }
  const flow = Array.isArray(w.message_flow) ? w.message_flow : [];
  workload.messageFlow = flow.flatMap((step): FlowStep[] => {
    const s = asMap(step);
    const from = asString(s?.from);
    const to = asString(s?.to);
    if (from === undefined || to === undefined) return [];
    return [{ from, to, messageType: asString(s?.message_type) ?? DEFAULT_MESSAGE_TYPE }];
  });
  return workload;
}
