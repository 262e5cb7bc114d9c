/** Normalize `workload:`: the open (rate) or closed (concurrency) model, timeouts, windows, the flow. */
import { asInt, asMap, asString, readDuration, readRate, type Ctx } from './read.js';
import type { FlowStep, Workload } from './types.js';

/** Default message type of a flow step without one. */
export const DEFAULT_MESSAGE_TYPE = 'task';

/** Normalize the workload; defaults: 10/s, task_timeout 5s, success correct. (bucket/stable_for: normalize-settings.) */
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
      message: 'give either rate (open model: tasks per second) or concurrency (closed model: tasks in flight), not both',
    });
  }
  const concurrency = asInt(w.concurrency, 1);
  if (concurrency !== undefined) workload.concurrency = concurrency;
  else workload.ratePerSec = readRate(ctx, w.rate, [...base, 'rate']) ?? 10;
  if (workload.taskTimeoutMs === 0) {
    ctx.sink.add({ path: [...base, 'task_timeout'], code: 'bad-duration', message: 'task_timeout must be longer than 0ms' });
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
