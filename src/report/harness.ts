/**
 * One spelling of a cell's harness block across the reports: a compact line for the console and the
 * HTML, and flat name/value pairs for JUnit properties. Pure.
 */
import type { HarnessBlock } from '../model/harness.js';
import type { ReadonlyView } from '../model/readonly.js';
import { formatNumber } from './format.js';

/** `0.4`, `12`, `412`: ms with one decimal below 10, whole above. */
export function formatMs(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return Math.abs(v) >= 10 ? String(Math.round(v)) : String(Math.round(v * 10) / 10);
}

/**
 * `issue lag p99 0.4 ms (max 2.1) · loop delay max runner 12 ms, agents 31 ms (worker-3)`, plus the
 * tasks dropped as late or issued after the end when there were any, and the detections of live
 * peers (`false_suspicions`, from the metrics) when given.
 */
export function harnessLine(h: ReadonlyView<HarnessBlock>, falseSuspicions?: number | null): string {
  const lag =
    h.issueLag.count > 0
      ? `issue lag p99 ${formatMs(h.issueLag.p99)} ms (max ${formatMs(h.issueLag.max)})`
      : 'issue lag — (closed workload)';
  const { runner, worstAgent } = h.loopDelay;
  const agents = worstAgent ? `agents ${formatMs(worstAgent.max)} ms (${worstAgent.agent})` : 'agents —';
  const parts = [lag, `loop delay max runner ${runner ? `${formatMs(runner.max)} ms` : '—'}, ${agents}`];
  if (h.tasksSkippedLate > 0)
    parts.push(`${h.tasksSkippedLate} late task${h.tasksSkippedLate === 1 ? '' : 's'} dropped`);
  if (h.tasksAfterEnd > 0) parts.push(`${h.tasksAfterEnd} issued after the end`);
  if (falseSuspicions !== undefined && falseSuspicions !== null) parts.push(`false suspicions ${falseSuspicions}`);
  return parts.join(' · ');
}

/** `harness.*` and `baseline.*` properties (names without the cell prefix), values as text. */
export function harnessProperties(h: ReadonlyView<HarnessBlock>): [string, string][] {
  const n = formatNumber;
  const props: [string, string][] = [
    ['harness.overloaded', String(h.overloaded)],
    ['harness.issue_lag_p50_ms', n(h.issueLag.p50)],
    ['harness.issue_lag_p99_ms', n(h.issueLag.p99)],
    ['harness.issue_lag_max_ms', n(h.issueLag.max)],
    ['harness.loop_delay_runner_p99_ms', n(h.loopDelay.runner?.p99)],
    ['harness.loop_delay_runner_max_ms', n(h.loopDelay.runner?.max)],
    ['harness.loop_delay_agent_max_ms', n(h.loopDelay.worstAgent?.max)],
    ['harness.loop_delay_agent', h.loopDelay.worstAgent?.agent ?? 'null'],
    ['harness.tasks_after_end', String(h.tasksAfterEnd)],
    ['harness.tasks_skipped_late', String(h.tasksSkippedLate)],
  ];
  if (h.overloaded) props.push(['harness.reasons', h.reasons.join('; ')]);
  if (h.baseline) {
    props.push(['baseline.success_rate', n(h.baseline.successRate)], ['baseline.healthy', String(h.baseline.healthy)]);
  }
  return props;
}
