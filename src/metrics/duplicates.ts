/** Duplicate work: the same (task, step) executed more than once, anywhere in the mesh. */
import type { HistoryEvent } from '../run/history.js';

/** (executions of an already-executed (task, step)) / all executions; null without `exec` events. */
export function duplicateWorkRatio(history: readonly HistoryEvent[]): number | null {
  const seen = new Set<string>();
  let total = 0;
  let repeats = 0;
  for (const e of history) {
    if (e.type !== 'exec') continue;
    total++;
    // JSON keeps ids containing any separator character unambiguous
    const key = JSON.stringify([e.task, e.step]);
    if (seen.has(key)) repeats++;
    else seen.add(key);
  }
  return total > 0 ? repeats / total : null;
}
