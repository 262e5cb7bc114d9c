/**
 * JUnit for a repeated cell (--repeat): one testcase per scenario × protocol carrying the repeated
 * verdict, so CI counts each cell once, whatever n.
 * - failed (pass rate below --min-pass-rate): `<failure type="flaky">` when some runs passed, else
 *   `type="pass-rate"`; the message is the verdict, the body lists every failed run;
 * - passed but flaky: one Surefire `<flakyFailure>` per failed run — the Jenkins xUnit schema
 *   (test/fixtures/junit/jenkins-junit-10.xsd) accepts it, and Jenkins shows such a test as flaky;
 * - inconclusive: `<error type="inconclusive">`;
 * and always a `<system-out>` line per run, plus suite properties `<protocol>.flaky`,
 * `<protocol>.pass_rate`, `<protocol>.verdict` and the headline metrics' median and interval.
 */
import type { ReadonlyView } from '../src/model/readonly.js';
import { escapeXmlText } from '../src/report/escape.js';
import { formatNumber, suiteName } from '../src/report/format.js';
import type { RepeatedCell } from '../src/report/repeats.js';
import type { CellResult, SuiteResult } from '../src/model/results.js';
import { attrs, failureLines, secs } from './junit-parts.js';

/** Metrics whose spread goes into properties (the rest are in results.json). */
const SPREAD_PROPERTIES = [
  'detect_ms',
  'recovery_ms',
  'steady_state_ms',
  'bytes_reconnect',
  'success_rate_drop',
  'p95(latency_ms)',
];

const runLabel = (c: ReadonlyView<CellResult>): string => `#r${c.repeat} (seed ${c.seed})`;

/** `json: failed — flaky: 2/3 judged runs passed (67%) < min-pass-rate 100%` */
export function repeatedSummaryLine(r: RepeatedCell): string {
  return `${r.protocol}: ${r.verdict.status}${r.verdict.flaky ? ' (flaky)' : ''} — ${r.verdict.reason}`;
}

/** Suite properties of a repeated cell. */
export function repeatedProperties(r: RepeatedCell): [string, string][] {
  const v = r.verdict;
  const props: [string, string][] = [
    [`${r.protocol}.verdict`, v.status],
    [`${r.protocol}.runs`, String(v.runs)],
    [`${r.protocol}.pass_rate`, v.passRate === null ? 'null' : formatNumber(v.passRate)],
    [`${r.protocol}.flaky`, String(v.flaky)],
  ];
  for (const m of r.metrics.filter((m) => SPREAD_PROPERTIES.includes(m.metric))) {
    const s = m.spread;
    props.push([`${r.protocol}.${m.metric}.median`, formatNumber(s.median)]);
    props.push([
      `${r.protocol}.${m.metric}.ci95`,
      s.ci ? `${formatNumber(s.ci.lo)}..${formatNumber(s.ci.hi)}` : `none (${s.noInterval})`,
    ]);
    if (s.nulls) props.push([`${r.protocol}.${m.metric}.nulls`, String(s.nulls)]);
  }
  return props;
}

function runLines(r: RepeatedCell): string[] {
  return r.cells.map((c) => `${runLabel(c)}: ${c.status}${c.reason ? ` — ${c.reason}` : ''}`);
}

/** The testcase of a repeated cell. */
export function repeatedTestcase(suite: ReadonlyView<SuiteResult>, r: RepeatedCell): string[] {
  const time = r.cells.reduce((sum, c) => sum + c.durationMs, 0);
  const open = `    <testcase${attrs({ classname: suiteName(suite), name: r.protocol, time: secs(time) })}>`;
  const v = r.verdict;
  const failedRuns = r.cells.filter((c) => c.status === 'failed');
  const body: string[] = [];
  if (v.status === 'failed') {
    const lines = failedRuns.flatMap((c) => [`${runLabel(c)}:`, ...failureLines(c).map((l) => `  ${l}`)]);
    body.push(
      `      <failure${attrs({ type: v.flaky ? 'flaky' : 'pass-rate', message: v.reason })}>${escapeXmlText(lines.join('\n'))}</failure>`,
    );
  } else if (v.status === 'inconclusive') {
    const lines = r.cells
      .filter((c) => c.status === 'inconclusive')
      .map((c) => `${runLabel(c)}: ${c.reason ?? 'inconclusive'}`);
    body.push(
      `      <error${attrs({ type: 'inconclusive', message: v.reason })}>${escapeXmlText(lines.join('\n'))}</error>`,
    );
  } else if (v.status === 'skipped') {
    body.push(`      <skipped${attrs({ message: v.reason })}/>`);
  }
  if (v.status === 'passed' && v.flaky) {
    for (const c of failedRuns) {
      const message = `${runLabel(c)}: ${c.reason ?? 'failed'}`;
      body.push(
        `      <flakyFailure${attrs({ type: 'assertion', message })}>${escapeXmlText(failureLines(c).join('\n'))}</flakyFailure>`,
      );
    }
  }
  const out = escapeXmlText([`${v.status} — ${v.reason}`, ...runLines(r)].join('\n'));
  return [open, ...body, `      <system-out>${out}</system-out>`, '    </testcase>'];
}
