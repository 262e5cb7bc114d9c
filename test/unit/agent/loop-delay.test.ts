/**
 * The loop-delay sampler sees a real stall of its own process, also one that begins right after a
 * sample (where a single monitorEventLoopDelay histogram is blind after its reset). Lower bounds only:
 * a busy machine can make delays longer, never shorter than the block.
 */
import { describe, expect, it } from 'vitest';
import { LoopDelaySampler, type LoopDelaySample } from '../../../src/agent/loop-delay.js';
import { monotonicMs } from '../../../src/run/clock.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const block = (ms: number) => {
  const until = monotonicMs() + ms;
  while (monotonicMs() < until);
};

describe('LoopDelaySampler', () => {
  it('reports a 300 ms block that starts right after a sample', async () => {
    const samples: LoopDelaySample[] = [];
    const sampler = new LoopDelaySampler((s) => samples.push(s), 60_000); // samples taken by hand below
    sampler.start();
    try {
      await sleep(100);
      sampler.sample();
      block(300); // in the blind spot of the histogram just reset
      await sleep(100);
      sampler.sample();
      await sleep(100);
      sampler.sample();
    } finally {
      sampler.stop();
    }
    expect(Math.max(...samples.map((s) => s.max))).toBeGreaterThanOrEqual(250);
  });

  it('each sample names its window; restart() starts both windows afresh, so earlier stalls are left behind', async () => {
    const samples: LoopDelaySample[] = [];
    const sampler = new LoopDelaySampler((s) => samples.push(s), 60_000);
    sampler.start();
    try {
      await sleep(60);
      block(300); // start-up work before the workload
      await sleep(60);
      const restartedAt = monotonicMs();
      sampler.restart();
      await sleep(150);
      sampler.sample();
      sampler.sample();
      expect(samples).toHaveLength(2);
      for (const s of samples) {
        expect(s.from).toBeGreaterThanOrEqual(restartedAt);
        expect(s.at).toBeGreaterThan(s.from);
        expect(s.max).toBeLessThan(300);
      }
    } finally {
      sampler.stop();
    }
  });

  it('restart() of a sampler never started starts it: an agent samples only from the workload on', async () => {
    const samples: LoopDelaySample[] = [];
    const sampler = new LoopDelaySampler((s) => samples.push(s), 60_000);
    try {
      expect(sampler.sample()).toBeNull(); // not running: nothing recorded
      const startedAt = monotonicMs();
      sampler.restart();
      await sleep(100);
      const s = sampler.sample();
      expect(s).not.toBeNull();
      expect(s!.from).toBeGreaterThanOrEqual(startedAt);
    } finally {
      sampler.stop();
    }
  });

  it('samples on its own timer and stops cleanly (stop is idempotent)', async () => {
    const samples: LoopDelaySample[] = [];
    const sampler = new LoopDelaySampler((s) => samples.push(s), 50);
    sampler.start();
    await sleep(300);
    sampler.stop();
    sampler.stop();
    const n = samples.length;
    expect(n).toBeGreaterThan(0);
    for (const s of samples) expect(s.max).toBeGreaterThanOrEqual(s.p99);
    await sleep(120);
    expect(samples.length).toBe(n);
  });
});
