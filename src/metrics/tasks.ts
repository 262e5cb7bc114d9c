/**
 * Tasks reconstructed from `task_issued` / `task_end` events, joined by task id.
 * The first issue and the first end of an id win: a driver never reuses ids, so a repeat is noise,
 * and the first end is when the client learned the outcome.
 */
import type { HistoryEvent, TaskOutcome } from '../model/history.js';

/** How a task counts as a success (SPEC §2): `correct` needs the gold answer where one exists. */
export type SuccessMode = 'correct' | 'reply';

/** One task as the metrics see it. */
export interface TaskRecord {
  task: string;
  /** The agent the driver sent it to ('' when no target was alive). */
  to: string;
  /** Issue time (ms); phase and bucket membership are by this time. */
  issued: number;
  /** End time, null for a lost task (issued, never resolved). */
  end: number | null;
  outcome: TaskOutcome | null;
  /** From the end event; undefined without gold answers. */
  correct: boolean | undefined;
  success: boolean;
  /** end − issued for successful tasks only; null otherwise. */
  latency: number | null;
}

/** Whether an ended task is a success under `mode`. */
export function isSuccess(outcome: TaskOutcome | null, correct: boolean | undefined, mode: SuccessMode): boolean {
  if (outcome !== 'ok') return false;
  return mode === 'reply' || correct !== false;
}

/** All issued tasks in issue order; ends without an issue are ignored (they cannot be placed in time). */
export function collectTasks(history: readonly HistoryEvent[], mode: SuccessMode): TaskRecord[] {
  const issued = new Map<string, { t: number; to: string }>();
  const ends = new Map<string, Extract<HistoryEvent, { type: 'task_end' }>>();
  for (const e of history) {
    if (e.type === 'task_issued' && !issued.has(e.task)) issued.set(e.task, { t: e.t, to: e.to });
    else if (e.type === 'task_end' && !ends.has(e.task)) ends.set(e.task, e);
  }
  const tasks: TaskRecord[] = [];
  for (const [task, { t, to }] of issued) {
    const end = ends.get(task);
    const outcome = end?.outcome ?? null;
    const success = isSuccess(outcome, end?.correct, mode);
    tasks.push({
      task,
      to,
      issued: t,
      end: end ? end.t : null,
      outcome,
      correct: end?.correct,
      success,
      latency: success && end ? end.t - t : null,
    });
  }
  return tasks.sort((a, b) => a.issued - b.issued);
}
