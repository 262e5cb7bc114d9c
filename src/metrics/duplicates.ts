/**
 * Duplicate work: the same (task, step) executed more than once, anywhere in the mesh. An execution
 * may be recorded twice — by its executor, and by the sender that got its ok reply (so it survives the
 * executor's SIGKILL) — and counts once: per (task, step, executor) the executions are the larger of
 * the two sides' counts.
 */
import type { HistoryEvent } from '../model/history.js';

/** (executions of an already-executed (task, step)) / all executions; null without `exec` events. */
export function duplicateWorkRatio(history: readonly HistoryEvent[]): number | null {
  // JSON keeps ids containing any separator character unambiguous
  const counts = new Map<string, { self: number; sender: number; step: string }>();
  for (const e of history) {
    if (e.type !== 'exec') continue;
    const step = JSON.stringify([e.task, e.step]);
    const key = JSON.stringify([e.task, e.step, e.agent]);
    const c = counts.get(key) ?? { self: 0, sender: 0, step };
    if (e.by === undefined) c.self++;
    else c.sender++;
    counts.set(key, c);
  }
  if (counts.size === 0) return null;
  let total = 0;
  const steps = new Set<string>();
  for (const c of counts.values()) {
    total += Math.max(c.self, c.sender);
    steps.add(c.step);
  }
  return (total - steps.size) / total;
}
