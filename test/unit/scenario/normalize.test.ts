import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../src/scenario/index.js';

const dir = mkdtempSync(join(tmpdir(), 'storm-normalize-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function load(yaml: string) {
  const file = join(dir, `s${n++}.storm.yaml`);
  writeFileSync(file, yaml);
  return loadScenarioFile(file);
}

const MINIMAL = `name: minimal
duration: 10s
tools:
  e: { kind: echo }
agents:
  worker: { count: 3, tool: e }
workload:
  message_flow:
    - { from: client, to: worker }
`;

describe('normalization defaults', () => {
  it('fills every default of a minimal scenario', async () => {
    const r = await load(MINIMAL);
    expect(r.issues).toEqual([]);
    const s = r.scenario!;
    expect(s.protocols).toEqual(['json', 'a2a', 'acp', 'anp', 'agora']);
    expect(s.seed).toBe(1);
    expect(s.durationMs).toBe(10_000);
    expect(s.warmupMs).toBe(1000);
    expect(s.heartbeat).toEqual({ intervalMs: 250, timeoutMs: 1000 });
    expect(s.topology).toBe('mesh');
    expect(s.workload).toMatchObject({ ratePerSec: 10, taskTimeoutMs: 5000, success: 'correct' });
    expect(s.metrics).toEqual({ bucketMs: 250, minSamples: 10, recoverForMs: 1000, stableForMs: 2000 });
    expect(s.harness).toEqual({ maxIssueLagP99Ms: 50, maxIssueLagMs: 250, maxLoopDelayMs: 250 });
    expect(s.baseline).toEqual({ minSuccessRate: 0.5 });
    expect(s.workload.concurrency).toBeUndefined();
    expect(s.workload.messageFlow).toEqual([{ from: 'client', to: 'worker', messageType: 'task' }]);
    expect(s.groups[0]).toMatchObject({ name: 'worker', count: 3, tool: 'e', readyMs: 10_000 });
    expect(s.agents.map((a) => a.id)).toEqual(['worker-0', 'worker-1', 'worker-2']);
    expect(s.faults).toEqual([]);
    expect(s.loc).toMatchObject({ line: 1, col: 1 });
  });

  it('shortens the default warmup before an early first fault', async () => {
    const r = await load(`${MINIMAL}faults:\n  - { at: 600ms, kill: 1, restart_after: 1s }\n`);
    expect(r.scenario?.warmupMs).toBe(300);
  });

  it('reads kill as fraction, count or ids, with SIGKILL and times 1 by default', async () => {
    const r = await load(`${MINIMAL}faults:
  - { at: 2s, kill: 30% }
  - { at: 3s, kill: 0.5, of: worker }
  - { at: 4s, kill: 1, restart_after: 1s }
  - { at: 5s, kill: [worker-2], signal: SIGSTOP, for: 1s }
`);
    expect(r.issues).toEqual([]);
    const f = r.scenario!.faults;
    expect(f.map((x) => x.kind)).toEqual(['kill', 'kill', 'kill', 'kill']);
    expect(f[0]).toMatchObject({ atMs: 2000, times: 1, signal: 'SIGKILL', select: { fraction: 0.3 } });
    expect(f[1]).toMatchObject({ select: { fraction: 0.5, of: 'worker' } });
    expect(f[2]).toMatchObject({ select: { count: 1 }, restartAfterMs: 1000 });
    expect(f[3]).toMatchObject({ select: { ids: ['worker-2'] }, signal: 'SIGSTOP', forMs: 1000 });
    expect(f[3].loc.line).toBe(14);
  });

  it('takes concurrency instead of a rate, and parses units everywhere', async () => {
    const r = await load(
      MINIMAL.replace(
        'workload:\n',
        'workload:\n  concurrency: 4\n  task_timeout: 1.5s\n  bucket: 100\n  success: reply\n',
      ),
    );
    expect(r.scenario?.workload).toMatchObject({ concurrency: 4, taskTimeoutMs: 1500, success: 'reply' });
    expect(r.scenario?.metrics.bucketMs).toBe(100);
    expect(r.scenario?.workload.ratePerSec).toBeUndefined();
  });

  it('reads metrics:, harness: and baseline:, and refuses a setting given under both metrics: and workload:', async () => {
    const blocks =
      'metrics: { bucket: 500ms, min_samples: 20, recover_for: 2s, stable_for: 3s }\n' +
      'harness: { max_issue_lag_p99: 20ms, max_issue_lag: 1s, max_loop_delay: 100ms }\nbaseline: { min_success_rate: 80% }\n';
    const r = await load(MINIMAL + blocks);
    expect(r.scenario?.metrics).toEqual({ bucketMs: 500, minSamples: 20, recoverForMs: 2000, stableForMs: 3000 });
    expect(r.scenario?.harness).toEqual({ maxIssueLagP99Ms: 20, maxIssueLagMs: 1000, maxLoopDelayMs: 100 });
    expect(r.scenario?.baseline).toEqual({ minSuccessRate: 0.8 });
    const twice = await load(
      `${MINIMAL.replace('workload:\n', 'workload:\n  bucket: 1s\n')}metrics: { bucket: 500ms }\n`,
    );
    expect(twice.issues.map((i) => i.code)).toContain('setting-twice');
  });

  it('resolves data templates per agent against the file directory', async () => {
    writeFileSync(join(dir, 'd0.jsonl'), '');
    writeFileSync(join(dir, 'd1.jsonl'), '');
    const r = await load(`name: data
duration: 5s
tools:
  l: { kind: shard_lookup }
agents:
  w: { count: 2, tool: l, data: "./d{index}.jsonl" }
workload:
  message_flow: [{ from: client, to: w }]
`);
    expect(r.issues).toEqual([]);
    expect(r.scenario!.agents.map((a) => a.dataFile)).toEqual([join(dir, 'd0.jsonl'), join(dir, 'd1.jsonl')]);
    expect(r.scenario!.tools.l).toEqual({ name: 'l', kind: 'shard_lookup', ttl: 4 });
  });

  it('keeps per-protocol rules and their locations', async () => {
    const r = await load(`${MINIMAL}expect:\n  - tasks_lost == 0\n  - { protocol: anp, expect: recovery_ms < 7s }\n`);
    expect(r.scenario!.expect.map((e) => [e.source, e.protocol, e.loc.line])).toEqual([
      ['tasks_lost == 0', undefined, 11],
      ['recovery_ms < 7s', 'anp', 12],
    ]);
  });

  it('collects issues of every stage instead of stopping at the first', async () => {
    const r = await load(`name: many
duration: 5s
durration: 6s
tools:
  e: { kind: echo }
agents:
  worker: { count: 2, tool: e }
workload:
  message_flow: [{ from: client, to: wrker }]
faults:
  - { at: 9s, kill: 1 }
expect:
  - recovry_ms < 1
`);
    expect(r.scenario).toBeNull();
    expect(r.issues.map((i) => i.code)).toEqual([
      'unknown-key',
      'unknown-agent',
      'fault-after-duration',
      'assert-unknown-metric',
    ]);
    expect(r.issues.map((i) => `${i.line}:${i.col}`)).toEqual(['3:1', '9:38', '11:11', '13:5']);
  });
});
