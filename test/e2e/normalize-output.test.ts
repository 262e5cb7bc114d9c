/**
 * The snapshot normalizer on hand-written samples: two runs that differ only in what legitimately
 * varies normalize to the same text; a changed status, count, name, threshold, assertion or a
 * removed line still differs.
 */
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { normalizeOutput } from './normalize-output.js';

const ROOT = '/home/someone/storm';

const runA = `storm 0.1.0: 1 cell
▶ Fail [json] starting 2 agents
⚡ t=2.01s kill node-2 (SIGKILL) verified
✗ Fail [json] 4.3s — tasks_issued 30 is not > 1000000

Problems
✗ Fail [json]
    ✗ tasks_issued > 1000000  — tasks_issued 30 is not > 1000000

✗ Fail ${ROOT}/test/fixtures/engine/fail/fail.storm.yaml
  protocol  detect_ms  recovery_ms  p95 latency  verdict
  json            149          500           13   failed

  json  harness: issue lag p99 6.5 ms (max 6.5) · loop delay max runner 31 ms, agents 19 ms (node-1) · false suspicions 0

Cells:  1 failed, 1 total
Suites: 1 failed, 1 total
Time:   5.2 s
`;

const runB = `storm 0.2.0: 1 cell
▶ Fail [json] starting 2 agents
⚡ t=2.00s kill node-2 (SIGKILL) verified
✗ Fail [json] 12.9s — tasks_issued 29 is not > 1000000

Problems
✗ Fail [json]
    ✗ tasks_issued > 1000000  — tasks_issued 29 is not > 1000000

✗ Fail /ci/build/7/test/fixtures/engine/fail/fail.storm.yaml
  protocol  detect_ms  recovery_ms  p95 latency  verdict
  json           1149         2500          413   failed

  json  harness: issue lag p99 41 ms (max 212) · loop delay max runner 140 ms, agents 0.4 ms (node-0) · 3 late tasks dropped · false suspicions 2

Cells:  1 failed, 1 total
Suites: 1 failed, 1 total
Time:   48.0 s
`;

const norm = (s: string) => normalizeOutput(s, { roots: [ROOT, '/ci/build/7'] });

describe('normalizeOutput', () => {
  it('maps two runs that differ only in times, measurements, versions and paths to the same text', () => {
    expect(norm(runA)).toBe(norm(runB));
    const n = norm(runA);
    expect(n).toContain('storm <version>: 1 cell');
    expect(n).toContain('⚡ t=<t> kill node-2 (SIGKILL) verified');
    expect(n).toContain('✗ Fail [json] <dur> — tasks_issued <n> is not > 1000000');
    expect(n).toContain('✗ Fail <root>/test/fixtures/engine/fail/fail.storm.yaml');
    expect(n).toContain('  json  <n>  <n>  <n>  failed');
    expect(n).toContain(
      '  json  harness: issue lag p99 <n> ms (max <n>) · loop delay max runner <n> ms, agents <n> ms (<agent>) · false suspicions <n>',
    );
    expect(n).toContain('Time:   <dur>');
    expect(norm(n)).toBe(n); // idempotent
  });

  it('keeps a changed status, verdict, count, threshold, name or victim visible', () => {
    const variants: [string, string][] = [
      ['✗ Fail [json] 4.3s', '✓ Fail [json] 4.3s'],
      ['13   failed', '13   passed'],
      ['13   failed', '13   inconclusive'],
      ['Cells:  1 failed, 1 total', 'Cells:  2 failed, 2 total'],
      ['✗ tasks_issued > 1000000 ', '✗ tasks_issued > 100000 '],
      ['kill node-2', 'kill node-1'],
      ['starting 2 agents', 'starting 3 agents'],
      ['(SIGKILL) verified', '(SIGKILL) not verified'],
      ['detect_ms  recovery_ms', 'recovery_ms  detect_ms'],
      ['Problems', 'Failures'],
      ['false suspicions 0', 'suspicions 0'],
    ];
    for (const [from, to] of variants) {
      expect(runA).toContain(from);
      expect(norm(runA.replace(from, to)), `${from} → ${to}`).not.toBe(norm(runA));
    }
  });

  it('keeps a removed or added line visible', () => {
    const lines = runA.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (lines[i] === '') continue;
      const removed = [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
      expect(norm(removed), `line ${i} removed: ${lines[i]}`).not.toBe(norm(runA));
    }
    expect(norm(runA.replace('Problems\n', 'Problems\n✗ Other [a2a]\n'))).not.toBe(norm(runA));
  });

  it('maps byte sizes in the table to one placeholder whatever their unit, and keeps a null byte count visible', () => {
    const table = (bytes: string) =>
      norm(
        `  protocol  detect_ms  bytes_reconnect  verdict\n  json            149  ${bytes}   passed\n\nTime:   5.2 s\n`,
      );
    expect(table('0 B')).toBe(table('39.1 KiB'));
    expect(table('2.35 MiB')).toContain('json  <n>  <bytes>  passed');
    expect(table('—')).not.toBe(table('0 B'));
  });

  it('keeps a metric turning null (—) visible in the table', () => {
    expect(norm(runA.replace('149          500', '149            —'))).not.toBe(norm(runA));
  });

  it('normalizes JUnit times, timestamp, hostname and measured properties, not verdicts or messages', () => {
    const xml = (
      time: string,
      stamp: string,
      host: string,
      p99: string,
      agent: string,
      status: string,
      issued: string,
    ) =>
      `<testsuites name="storm" tests="1" failures="1" errors="0" time="${time}">
  <testsuite name="S" tests="1" failures="1" errors="0" skipped="0" time="${time}" timestamp="${stamp}" hostname="${host}" file="a.storm.yaml">
    <properties>
      <property name="json.status" value="${status}"/>
      <property name="json.seed" value="1"/>
      <property name="json.harness.overloaded" value="false"/>
      <property name="json.harness.issue_lag_p99_ms" value="${p99}"/>
      <property name="json.harness.loop_delay_agent" value="${agent}"/>
      <property name="json.detect_ms" value="null"/>
      <property name="json.bytes_excess" value="-15035.7"/>
      <property name="json.tasks_issued" value="${issued}"/>
    </properties>
    <testcase classname="S" name="json" time="${time}">
      <failure message="tasks_issued ${issued} is not &gt; 1000000" type="assertion">tasks_issued &gt; 1000000 — tasks_issued ${issued} is not &gt; 1000000 (actual: tasks_issued=${issued})</failure>
    </testcase>
    <system-out>json: ${status} in ${time}s — tasks_issued ${issued} is not &gt; 1000000</system-out>
  </testsuite>
</testsuites>`;
    const a = xml('4.337', '2026-12-02T02:49:01', 'vm', '6.5', 'node-1', 'failed', '30');
    const b = xml('12.010', '2027-01-01T00:00:00', 'ci-runner-7', '60.3', 'node-0', 'failed', '29');
    expect(normalizeOutput(a)).toBe(normalizeOutput(b));
    const n = normalizeOutput(a);
    expect(n).toContain('time="<s>" timestamp="<timestamp>" hostname="<host>"');
    expect(n).toContain('<property name="json.seed" value="1"/>');
    expect(n).toContain('<property name="json.detect_ms" value="null"/>');
    expect(n).toContain('<property name="json.bytes_excess" value="<n>"/>');
    expect(n).toContain('(actual: tasks_issued=<n>)');
    expect(n).toContain('is not &gt; 1000000');
    expect(normalizeOutput(xml('4.337', '2026-12-02T02:49:01', 'vm', '6.5', 'node-1', 'passed', '30'))).not.toBe(n);
    expect(normalizeOutput(a.replace('failures="1" errors="0" time', 'failures="0" errors="1" time'))).not.toBe(n);
    expect(normalizeOutput(a.replace('value="null"', 'value="12"'))).not.toBe(n);
    expect(normalizeOutput(a.replace(/\s*<property name="json.tasks_issued"[^\n]*/, ''))).not.toBe(n);
  });

  it('replaces temp dirs, ports and pids always; seeds only when asked', () => {
    const t = `${tmpdir()}/storm-e2e-AbC123/junit.xml on http://127.0.0.1:41234 (pid 9876), seed 42`;
    expect(normalizeOutput(t, { measured: false })).toBe(
      '<tmp>/junit.xml on http://127.0.0.1:<port> (pid <pid>), seed 42',
    );
    expect(normalizeOutput(t, { measured: false, randomSeed: true })).toContain('seed <seed>');
  });

  it('leaves planned times and thresholds alone when measured is false', () => {
    const plan = `[json]  seed 42\n  t=5.00s  SIGKILL worker-1\n  duration 12.00s, warmup 1.00s, heartbeat 250 ms / timeout 1000 ms\n  workload: 40/s\n    recovery_ms < 5000`;
    expect(normalizeOutput(plan, { measured: false })).toBe(plan);
  });
});
