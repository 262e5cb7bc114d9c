/** Counts, duplicates, detection, reconnection and bytes. Same defaults as recovery.test.ts. */
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/metrics/compute.js';
import { EVERY_MS, HistoryBuilder, opts } from './history-builder.js';

const steady = () => new HistoryBuilder().series(0, 10_000, EVERY_MS, () => ({ latency: 50 }));
const mesh = (ids: string[]) => Object.fromEntries(ids.map((a) => [a, ids.filter((b) => b !== a)]));
const W = ['w0', 'w1', 'w2', 'w3'];

describe('no fault at all', () => {
  it('has one pre phase to the end and null per-fault metrics', () => {
    const m = computeMetrics(steady().end(10_000).build(), opts());
    expect(m.faults).toEqual([]);
    expect([m.recovery_ms, m.recovered, m.detect_ms, m.steady_state_ms, m.reconnect_ms, m.bytes_reconnect]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect([m.phases.pre.from, m.phases.pre.to, m.phases.pre.issued]).toEqual([1000, 10_000, 36]);
    expect([m.phases.fault.from, m.phases.fault.success_rate, m.phases.post.to]).toEqual([null, null, null]);
    expect(m.success_rate_drop).toBeNull();
    expect(m.buckets.length).toBe(9); // 1000..9000
  });

  it('falls back to durationMs without a run_end event', () => {
    const m = computeMetrics(steady().build(), opts({ durationMs: 8000 }));
    expect(m.overall.to).toBe(8000);
    expect(m.buckets[m.buckets.length - 1].t).toBe(7000);
  });
});

describe('task outcomes', () => {
  const h = new HistoryBuilder()
    .task('warm', 500, 10) // in the warmup: counted in tasks_*, not in rates
    .task('a', 1000, 10, 'ok', true)
    .task('b', 1100, 20, 'ok', true)
    .task('c', 1200, 30, 'ok', true)
    .task('d', 1300, 40, 'ok', true)
    .task('e', 1400, 50, 'ok', true)
    .task('f', 1500, 60, 'ok', false) // answered, wrong
    .task('g', 1600, 70, 'fail')
    .task('h', 1700, 5000, 'timeout')
    .task('i', 1800, 0, null) // lost
    .task('j', 1900, 0, null) // lost
    .end(10_000)
    .build();

  it('counts ok/failed/timeout/lost over the whole run and rates from the warmup on', () => {
    const m = computeMetrics(h, opts());
    expect([m.tasks_issued, m.tasks_ok, m.tasks_failed, m.tasks_timeout, m.tasks_lost]).toEqual([11, 7, 1, 1, 2]);
    // since warmup: 10 issued; successes = ok and not wrong = a..e = 5
    expect([m.overall.issued, m.overall.ok, m.overall.succeeded, m.success_rate]).toEqual([10, 6, 5, 0.5]);
    expect(m.accuracy).toBe(5 / 6); // graded ok answers a..f: 5 correct
    expect(m.overall.latency.max).toBe(50); // only successes have a latency
  });

  it('counts any answer with success: reply; accuracy is null without gold answers', () => {
    expect(computeMetrics(h, opts({ success: 'reply' })).success_rate).toBe(0.6);
    const ungraded = new HistoryBuilder().task('a', 1000, 10).task('b', 1100, 10).end(10_000).build();
    expect(computeMetrics(ungraded, opts()).accuracy).toBeNull();
  });
});

describe('duplicate_work_ratio', () => {
  it('counts executions of an already-executed (task, step)', () => {
    const h = new HistoryBuilder()
      .exec(100, 'w0', 't1', 0)
      .exec(200, 'w1', 't1', 1)
      .exec(300, 'w2', 't1', 0) // repeat
      .exec(400, 'w0', 't2', 0)
      .exec(500, 'w3', 't1', 0) // repeat
      .end(10_000)
      .build();
    expect(computeMetrics(h, opts()).duplicate_work_ratio).toBe(2 / 5);
    expect(computeMetrics(steady().end(10_000).build(), opts()).duplicate_work_ratio).toBeNull();
  });
});

describe('detect_ms', () => {
  // kill w3 at 5000; w0, w1, w2 each watch w3
  const base = () =>
    steady()
      .fault(5000, ['w3'])
      .detect(2000, 'w0', 'w3') // before T: ignored
      .detect(5600, 'w0', 'w3')
      .detect(5900, 'w1', 'w3')
      .detect(7000, 'w1', 'w3') // a later repeat: the first one counts
      .end(10_000);

  it('is the last survivor to declare the victim dead', () => {
    const m = computeMetrics(base().detect(6100, 'w2', 'w3').build(), opts({ monitors: mesh(W) }));
    expect(m.faults[0].detect_ms).toBe(1100);
    expect(m.detect_ms).toBe(1100);
  });

  it('is null when one survivor never detects, or nobody monitors the victim', () => {
    expect(computeMetrics(base().build(), opts({ monitors: mesh(W) })).detect_ms).toBeNull();
    expect(computeMetrics(base().detect(6100, 'w2', 'w3').build(), opts({ monitors: {} })).detect_ms).toBeNull();
  });

  it('skips a survivor already dead at T', () => {
    const h = base().ready(-500, 'w2').exit(3000, 'w2').build();
    expect(computeMetrics(h, opts({ monitors: mesh(W) })).detect_ms).toBe(900); // w0 5600, w1 5900
  });

  it('skips a survivor held by an earlier pause that has not ended by T', () => {
    const paused = base().fault(4000, ['w2'], 'pause', 1).build();
    expect(computeMetrics(paused, opts({ monitors: mesh(W) })).faults[1].detect_ms).toBe(900); // w2 cannot watch
    const resumed = base().fault(4000, ['w2'], 'pause', 1).faultEnd(4500, 1, ['w2']).build();
    expect(computeMetrics(resumed, opts({ monitors: mesh(W) })).faults[1].detect_ms).toBeNull(); // w2 must detect w3, never does
  });

  it('only applies to process faults', () => {
    const h = base().detect(6100, 'w2', 'w3').fault(8000, ['w0', 'w1'], 'partition').build();
    const m = computeMetrics(h, opts({ monitors: mesh(W) }));
    expect(m.faults[1].detect_ms).toBeNull();
    expect(m.detect_ms).toBe(1100); // the partition does not make the worst null
  });
});

describe('reconnect_ms', () => {
  it('T → first reconnect of a restarted victim at or after its restart', () => {
    const h = steady()
      .fault(5000, ['w1'])
      .reconnect(5500, 'w1') // before the restart: ignored
      .restart(6000, 0, 'w1')
      .reconnect(6400, 'w2') // not a victim
      .reconnect(6800, 'w1')
      .reconnect(7200, 'w1')
      .fault(8000, ['w2']) // no restart: reconnect_ms null, not part of the worst
      .end(10_000)
      .build();
    const m = computeMetrics(h, opts());
    expect(m.faults.map((f) => f.reconnect_ms)).toEqual([1800, null]);
    expect([m.reconnect_ms, m.restarts]).toEqual([1800, 1]);
  });

  it('is null when a restarted victim never answers', () => {
    const h = steady().fault(5000, ['w1']).restart(6000, 0, 'w1').end(10_000).build();
    expect(computeMetrics(h, opts()).reconnect_ms).toBeNull();
  });
});

describe('bytes', () => {
  const h = steady()
    .wire(-500, 100, 1) // start-up
    .wire(500, 200, 2) // warmup
    .wire(2000, 300, 3)
    .wire(5000, 1000, 4)
    .wire(7000, 2000, 5)
    .wire(10_000, 4000, 6) // stamped at the run end
    .fault(5000, ['w1'])
    .end(10_000)
    .build();

  it('sums every report into bytes_total and messages', () => {
    const m = computeMetrics(h, opts());
    expect([m.bytes_total, m.messages]).toEqual([7600, 21]);
  });

  it('cuts bytes_reconnect at the run end and at its window', () => {
    expect(computeMetrics(h, opts()).bytes_reconnect).toBe(3000); // [5000, 10000): 1000 + 2000
    expect(computeMetrics(h, opts({ reconnectWindowMs: 2000 })).bytes_reconnect).toBe(1000); // [5000, 7000)
  });

  it('gives bytes per issued task per phase (the last phase keeps the report at the end)', () => {
    const m = computeMetrics(h, opts());
    expect([m.phases.pre.bytes, m.phases.pre.bytes_per_task]).toEqual([300, 300 / 16]);
    expect([m.phases.post.bytes, m.phases.post.bytes_per_task]).toEqual([7000, 7000 / 20]);
    expect(m.overall.bytes).toBe(7300);
  });
});

describe('detection evidence and bounds', () => {
  it('records how each counted detection was made', () => {
    const h = steady()
      .fault(5000, ['w3'])
      .detect(5100, 'w0', 'w3', 'refused')
      .detect(5200, 'w1', 'w3', 'refused')
      .detect(6000, 'w2', 'w3', 'silence')
      .end(10_000)
      .build();
    const f = computeMetrics(h, opts({ monitors: mesh(W) })).faults[0];
    expect([f.detect_ms, f.detect_evidence]).toEqual([1000, { refused: 2, silence: 1, unknown: 0 }]);
  });

  it("bounds each pair's search at the victim's restart: a later detection belongs to something else", () => {
    // w2 never noticed w3 die; after w3 restarted (6000) it suspects the new process at 7000
    const h = steady()
      .fault(5000, ['w3'])
      .detect(5100, 'w0', 'w3')
      .detect(5200, 'w1', 'w3')
      .restart(6000, 0, 'w3')
      .detect(7000, 'w2', 'w3')
      .end(10_000)
      .build();
    expect(computeMetrics(h, opts({ monitors: mesh(W) })).faults[0].detect_ms).toBeNull();
  });

  it('bounds the search at the next fault and at a resume', () => {
    const next = steady()
      .fault(5000, ['w3'])
      .detect(5100, 'w0', 'w3')
      .detect(5200, 'w1', 'w3')
      .fault(6000, ['w0'])
      .detect(6500, 'w2', 'w3')
      .end(10_000)
      .build();
    expect(computeMetrics(next, opts({ monitors: mesh(W) })).faults[0].detect_ms).toBeNull();
    const resumed = steady()
      .fault(5000, ['w3'], 'pause')
      .faultEnd(5800, 0, ['w3'])
      .detect(5100, 'w0', 'w3')
      .detect(5200, 'w1', 'w3')
      .detect(5900, 'w2', 'w3')
      .end(10_000)
      .build();
    expect(computeMetrics(resumed, opts({ monitors: mesh(W) })).faults[0].detect_ms).toBeNull();
  });
});

describe('false_suspicions', () => {
  const up = () => {
    const b = steady();
    for (const w of W) b.ready(-500, w);
    return b;
  };

  it('counts detections of a live, unpaused, reachable peer during the workload', () => {
    const h = up()
      .detect(-100, 'w0', 'w1') // start-up: not during the workload
      .detect(2000, 'w0', 'w1', 'silence') // w1 was fine: false
      .detect(2100, 'w2', 'w1', 'refused') // w1 was fine: false
      .end(10_000)
      .build();
    expect(computeMetrics(h, opts({ monitors: mesh(W) })).false_suspicions).toBe(2);
  });

  it('excuses a dead, paused or cut-off peer, and silence that began while the peer was down', () => {
    const h = up()
      .fault(3000, ['w3'])
      .exit(3002, 'w3')
      .detect(3001, 'w0', 'w3', 'refused') // before the runner saw the exit: still a true detection
      .detect(3900, 'w1', 'w3', 'silence')
      .restart(5000, 0, 'w3')
      .ready(5300, 'w3')
      .detect(5800, 'w2', 'w3', 'silence') // silence since 4800, when w3 was still down: excused
      .fault(6000, ['w1'], 'pause', 1)
      .faultEnd(7000, 1, ['w1'])
      .detect(6900, 'w0', 'w1', 'silence') // paused
      .detect(7500, 'w2', 'w1', 'silence') // silence window [6500, 7500] overlaps the pause
      .fault(8000, ['w0'], 'partition', 2)
      .faultEnd(9000, 2, ['w0'])
      .detect(8500, 'w2', 'w0', 'silence') // cut off (partition without sides: its victims)
      .detect(9800, 'w1', 'w2', 'refused') // w2 was fine: false
      .end(10_000)
      .build();
    expect(computeMetrics(h, opts({ monitors: mesh(W), heartbeatTimeoutMs: 1000 })).false_suspicions).toBe(1);
  });
});

describe("reconnect_ms: the last restarted victim's first successful exchange with anyone", () => {
  it("takes a peer's rejoin heartbeat, a reconnect or an ok task reply, whichever came first", () => {
    const h = steady()
      .fault(5000, ['w1', 'w2'])
      .restart(6000, 0, 'w1')
      .restart(6000, 0, 'w2')
      .rejoin(6300, 'w0', 'w1') // w1's first exchange
      .reconnect(6700, 'w1')
      .task('to-w2', 6500, 100, 'ok', undefined, 'w2') // w2's first exchange: the answer at 6600
      .end(10_000)
      .build();
    expect(computeMetrics(h, opts()).faults[0].reconnect_ms).toBe(1600);
  });

  it('is null when a restarted victim never exchanged anything, or its restart failed', () => {
    const silent = steady()
      .fault(5000, ['w1', 'w2'])
      .restart(6000, 0, 'w1')
      .restart(6000, 0, 'w2')
      .rejoin(6300, 'w0', 'w1')
      .end(10_000)
      .build();
    expect(computeMetrics(silent, opts()).reconnect_ms).toBeNull();
    const failed = steady().fault(5000, ['w1']).restart(6000, 0, 'w1', false).reconnect(6500, 'w1').end(10_000).build();
    expect([computeMetrics(failed, opts()).reconnect_ms, computeMetrics(failed, opts()).restarts]).toEqual([null, 0]);
  });
});

describe('executions recorded on both sides', () => {
  it("count once, and survive the executor's SIGKILL", () => {
    const h = new HistoryBuilder()
      .exec(100, 'w0', 't1', 0) // w0's own record…
      .exec(110, 'w0', 't1', 0, 'client') // …and the client's, from w0's ok reply: one execution
      .exec(200, 'w1', 't1', 1, 'w0') // only the sender's record: w1 died before its batch left
      .exec(300, 'w2', 't1', 0) // a second execution of (t1, 0): duplicate work
      .end(10_000)
      .build();
    expect(computeMetrics(h, opts()).duplicate_work_ratio).toBe(1 / 3);
  });
});

describe('honest nulls', () => {
  it('byte metrics are null, never 0, when storm cannot meter every agent', () => {
    const h = steady().wire(2000, 300).fault(5000, ['w1']).end(10_000).build();
    const m = computeMetrics(h, opts({ bytesMetered: false }));
    expect([
      m.bytes_total,
      m.messages,
      m.bytes_reconnect,
      m.bytes_excess,
      m.phases.pre.bytes,
      m.phases.pre.bytes_per_task,
    ]).toEqual([null, null, null, null, null, null]);
  });

  it('accuracy is null for an oracle tool, which cannot answer wrongly', () => {
    const h = new HistoryBuilder().task('a', 1000, 10, 'ok', true).task('b', 1100, 10, 'ok', false).end(10_000).build();
    expect(computeMetrics(h, opts()).accuracy).toBe(0.5);
    expect(computeMetrics(h, opts({ accuracyMeaningful: false })).accuracy).toBeNull();
  });

  it('throughput and rates count only tasks issued inside the run', () => {
    const h = steady().task('late', 10_300, 10).task('later', 11_000, 10).end(10_000).build();
    const m = computeMetrics(h, opts());
    expect([m.overall.issued, m.throughput, m.tasks_issued]).toEqual([36, 4, 42]);
  });
});

describe('bytes_excess', () => {
  it('is bytes_reconnect minus the pre-fault byte rate over the same window (may be negative)', () => {
    // pre [1000, 5000): 2 × 400 bytes = 0.2 bytes/ms; window [5000, 10000) = 5000 ms → 1000 expected
    const h = steady()
      .wire(2000, 400)
      .wire(4000, 400)
      .wire(6000, 1500)
      .wire(8000, 100)
      .fault(5000, ['w1'])
      .end(10_000)
      .build();
    const m = computeMetrics(h, opts());
    expect([m.bytes_reconnect, m.bytes_excess]).toEqual([1600, 600]);
    const quiet = steady().wire(2000, 400).wire(4000, 400).wire(6000, 100).fault(5000, ['w1']).end(10_000).build();
    expect(computeMetrics(quiet, opts()).bytes_excess).toBe(-900);
  });
});
