/**
 * The per-cell harness block of report.html: issue lag, event-loop delays, late tasks, false
 * suspicions and the pre-fault health, each beside its bound, the exceeded ones marked (SPEC §2,
 * docs/harness.md).
 */
import { escapeHtml as esc } from '../src/report/escape.js';
import { formatMs } from '../src/report/harness.js';
import type { HarnessBlock } from '../src/model/harness.js';
import type { ReadonlyView } from '../src/model/readonly.js';

type Row = [label: string, value: string, bound: string, exceeded: boolean];

function rows(h: ReadonlyView<HarnessBlock>, falseSuspicions: number | null | undefined): Row[] {
  const { issueLag: lag, loopDelay, bounds: b } = h;
  const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${formatMs(v)} ms`);
  const over = (v: number | null | undefined, bound: number) => v !== null && v !== undefined && v > bound;
  const out: Row[] = [
    [
      'issue lag p50 / p99',
      lag.count ? `${ms(lag.p50)} / ${ms(lag.p99)}` : '— (closed workload)',
      `p99 ≤ ${b.maxIssueLagP99Ms} ms`,
      over(lag.p99, b.maxIssueLagP99Ms),
    ],
    ['issue lag max', ms(lag.max), `≤ ${b.maxIssueLagMs} ms`, over(lag.max, b.maxIssueLagMs)],
    [
      'runner loop delay p99 / max',
      loopDelay.runner ? `${ms(loopDelay.runner.p99)} / ${ms(loopDelay.runner.max)}` : '—',
      `max ≤ ${b.maxLoopDelayMs} ms`,
      over(loopDelay.runner?.max, b.maxLoopDelayMs),
    ],
    [
      'worst agent loop delay p99 / max',
      loopDelay.worstAgent
        ? `${ms(loopDelay.worstAgent.p99)} / ${ms(loopDelay.worstAgent.max)} (${loopDelay.worstAgent.agent})`
        : '—',
      `max ≤ ${b.maxLoopDelayMs} ms`,
      over(loopDelay.worstAgent?.max, b.maxLoopDelayMs),
    ],
    ['tasks issued after the end', String(h.tasksAfterEnd), '0', h.tasksAfterEnd > 0],
    ['late tasks dropped', String(h.tasksSkippedLate), '', false],
  ];
  if (falseSuspicions !== undefined && falseSuspicions !== null) {
    out.push(['false suspicions (live peers declared dead)', String(falseSuspicions), '', false]);
  }
  if (h.baseline) {
    const label = h.baseline.phase === 'pre' ? 'pre-fault success rate' : 'success rate (no fault)';
    const value = h.baseline.successRate === null ? '—' : h.baseline.successRate.toFixed(3);
    out.push([label, value, `≥ ${h.baseline.minSuccessRate}`, !h.baseline.healthy]);
  }
  return out;
}

/** `<details class="harness">` with a small table; open when the harness was overloaded or the baseline unhealthy. */
export function harnessSection(h: ReadonlyView<HarnessBlock> | null, falseSuspicions?: number | null): string {
  if (!h) return '';
  const unhealthy = h.baseline !== null && !h.baseline.healthy;
  const flag = h.overloaded
    ? ' <span class="inconclusive">overloaded</span>'
    : unhealthy
      ? ' <span class="inconclusive">unhealthy baseline</span>'
      : ' <span class="pass">kept up</span>';
  const body = rows(h, falseSuspicions)
    .map(
      ([label, value, bound, exceeded]) =>
        `<tr><td>${esc(label)}</td><td class="${exceeded ? 'fail' : ''}">${esc(value)}</td><td class="muted">${esc(bound)}</td></tr>`,
    )
    .join('');
  const open = h.overloaded || unhealthy ? ' open' : '';
  return `<details class="harness"${open}><summary>Harness${flag}</summary><table class="harness"><tbody>${body}</tbody></table></details>`;
}
