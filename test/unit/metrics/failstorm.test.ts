import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/metrics/compute.js';
import { toFailstormMetrics } from '../../../src/metrics/failstorm.js';
import { EVERY_MS, HistoryBuilder, opts } from './history-builder.js';

describe('failstorm_metrics.json shape', () => {
  it('is flat, with the benchmark fields and the measured extras', () => {
    // tasks 5000..6750 fail: buckets 5000, 6000 dip, 7000 back → recovery 2000
    const h = new HistoryBuilder()
      .series(0, 10_000, EVERY_MS, (t) => ({ latency: 50, outcome: t >= 5000 && t < 7000 ? 'fail' : 'ok' }))
      .fault(5000, ['w1'])
      .exec(5100, 'w0', 'task-5000', 0)
      .exec(5200, 'w2', 'task-5000', 0)
      .wire(6000, 1234)
      .end(10_000)
      .build();
    const fs = toFailstormMetrics(computeMetrics(h, opts()), { protocol: 'a2a', scenario: 'storm' });
    expect(fs).toEqual({
      protocol: 'a2a',
      scenario: 'storm',
      recovery_ms: 2000,
      steady_state_ms: 2000,
      bytes_reconnect: 1234,
      success_rate_drop: 0, // post [7000, 10000) is 12/12 like pre
      duplicate_work_ratio: 0.5,
      detect_ms: null, // no monitors given
      reconnect_ms: null,
      recovered: true,
      resolution_ms: 1000,
      pre_fault_success_rate: 1,
      post_fault_success_rate: 1,
      retention: 1,
      answer_discovery_pre_pct: 100,
      answer_discovery_post_pct: 100,
      latency_pre_s: 0.05,
      latency_post_s: 0.05,
      recovery_s: 2,
      fault_count: 1,
      tasks_issued: 40,
      tasks_lost: 0,
    });
    expect(Object.values(fs).every((v) => v === null || typeof v !== 'object')).toBe(true);
  });
});
