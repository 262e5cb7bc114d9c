/** The worked example of docs/metrics.md, number for number: if this fails, fix the doc too. */
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/metrics/compute.js';
import { EVERY_MS, HistoryBuilder, opts } from './history-builder.js';

function example() {
  const b = new HistoryBuilder().series(0, 12_000, EVERY_MS, (t) => ({
    outcome: t >= 5000 && t < 7500 ? 'fail' : 'ok',
    latency: t >= 7500 && t < 8500 ? 400 : 100,
  }));
  b.fault(4900, ['w3'])
    .detect(5650, 'w0', 'w3')
    .detect(5700, 'w1', 'w3')
    .detect(5900, 'w2', 'w3')
    .restart(6900, 0, 'w3')
    .reconnect(7300, 'w3')
    .exec(4760, 'w1', 'task-4750', 0)
    .exec(5010, 'w0', 'task-5000', 0)
    .exec(5500, 'w1', 'task-5000', 0)
    .wire(-200, 800, 10);
  for (let t = 1000; t <= 12_000; t += 1000) b.wire(t, t === 6000 || t === 7000 ? 5000 : 2000, 10);
  return b.end(12_000).build();
}

const mesh = { w0: ['w1', 'w2', 'w3'], w1: ['w0', 'w2', 'w3'], w2: ['w0', 'w1', 'w3'], w3: ['w0', 'w1', 'w2'] };

describe('docs/metrics.md worked example', () => {
  const m = computeMetrics(example(), opts({ durationMs: 12_000, monitors: mesh }));
  const f = m.faults[0];

  it('buckets', () => {
    expect(m.resolution_ms).toBe(1000);
    expect(m.buckets.map((x) => [x.t, x.fault, x.succeeded, x.issued, x.p95_latency])).toEqual([
      [1900, null, 4, 4, 100],
      [2900, null, 4, 4, 100],
      [3900, null, 4, 4, 100],
      [4900, 0, 0, 4, null],
      [5900, 0, 0, 4, null],
      [6900, 0, 2, 4, 400],
      [7900, 0, 4, 4, 400],
      [8900, 0, 4, 4, 100],
      [9900, 0, 4, 4, 100],
      [10_900, 0, 4, 4, 100],
    ]);
  });

  it('per-fault metrics', () => {
    expect(f.s_pre).toBe(1);
    expect(f.dip_at).toBe(4900);
    expect(f.recovery_ms).toBe(3000);
    expect(f.steady_state_ms).toBe(4000);
    expect(f.detect_ms).toBe(1000);
    expect(f.reconnect_ms).toBe(2400);
    expect(f.bytes_reconnect).toBe(20_000);
    expect(f.bytes_excess).toBeCloseTo(20_000 - (8000 / 3900) * 7100, 9);
    expect([f.success_rate_drop, f.retention]).toEqual([0, 1]);
  });

  it('phases and totals', () => {
    const p = m.phases;
    expect([p.pre.from, p.pre.to, p.pre.issued, p.pre.succeeded, p.pre.bytes_per_task]).toEqual([
      1000, 4900, 16, 16, 500,
    ]);
    expect([p.fault.from, p.fault.to, p.fault.issued, p.fault.succeeded, p.fault.bytes_per_task]).toEqual([
      4900, 7900, 12, 2, 1000,
    ]);
    expect([p.post.from, p.post.to, p.post.issued, p.post.succeeded, p.post.bytes_per_task]).toEqual([
      7900, 12_000, 16, 16, 625,
    ]);
    expect([p.post.latency.p50, p.post.latency.p95]).toEqual([100, 400]);
    expect(m.success_rate_drop).toBe(0);
    expect([m.overall.issued, m.overall.succeeded, m.tasks_issued]).toEqual([44, 34, 48]);
    expect(m.throughput).toBeCloseTo(34 / 11, 12);
    expect([m.bytes_total, m.messages]).toEqual([30_800, 130]);
    expect(m.duplicate_work_ratio).toBe(1 / 3);
    expect(m.restarts).toBe(1);
    expect(m.false_suspicions).toBe(0);
  });
});
