/**
 * Event-loop delay sampling (perf_hooks.monitorEventLoopDelay) for the runner and every built-in
 * agent: how long this process's loop was late to run a timer, so a stall of the measuring process
 * itself is reported instead of passing for a slow system under test (SPEC §2).
 *
 * Why two histograms: `reset()` also forgets the last tick, so the first interval after a reset is not
 * recorded — a stall that begins right after a sample would vanish. Two monitors reset on alternate
 * samples never share that blind spot; each sample reads the one not reset last time, so it covers
 * the last two sampling intervals (windows overlap; max and worst-window p99 are unaffected).
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { LOOP_DELAY_SAMPLE_MS } from '../model/harness.js';

/** One sample: the window it covers on the host's monotonic clock, and its p99 and max delay in ms beyond the timer resolution. */
export interface LoopDelaySample {
  /** Window start: when the histogram read was last reset (or enabled). */
  from: number;
  /** Window end: when it was read. */
  at: number;
  p99: number;
  max: number;
}

/** Timer resolution of the monitors (ms): 50 wakeups per second per monitor, cheap in every agent. */
export const LOOP_DELAY_RESOLUTION_MS = 20;

/** Samples this process's event-loop delay every `intervalMs` until stopped. */
export class LoopDelaySampler {
  private readonly monitors: [IntervalHistogram, IntervalHistogram];
  /** When each monitor's current window began. */
  private readonly since: [number, number] = [0, 0];
  private next = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onSample: (sample: LoopDelaySample) => void,
    private readonly intervalMs = LOOP_DELAY_SAMPLE_MS,
  ) {
    const make = () => monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
    this.monitors = [make(), make()];
  }

  /** Begin monitoring; the first sample comes after one interval. */
  start(): void {
    if (this.timer) return;
    for (const m of this.monitors) m.enable();
    this.since.fill(hostMs());
    this.schedule();
  }

  /**
   * Start both windows afresh now (the workload began): later samples say nothing about what came
   * before, e.g. the stalls of start-up while other agents were still loading. Both monitors are
   * blind for their first tick (≤ 20 ms) after this. Starts the sampler if it was not running.
   */
  restart(): void {
    if (!this.timer) return this.start();
    for (const m of this.monitors) m.reset();
    this.since.fill(hostMs());
    this.next = 0;
    clearInterval(this.timer);
    this.schedule();
  }

  /** Take a sample now (also the last one before stopping); nothing when no tick was recorded yet. */
  sample(): LoopDelaySample | null {
    const i = this.next;
    const m = this.monitors[i];
    this.next = 1 - i;
    if (m.count === 0) return null;
    const at = hostMs();
    const sample = { from: this.since[i], at, p99: toDelayMs(m.percentile(99)), max: toDelayMs(m.max) };
    m.reset();
    this.since[i] = at;
    this.onSample(sample);
    return sample;
  }

  /** Stop the timer and the monitors. Idempotent. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const m of this.monitors) m.disable();
  }

  private schedule(): void {
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    // Sampling must never keep a process alive.
    this.timer.unref();
  }
}

/** The host's monotonic clock in ms (process.hrtime, shared by every process; see contract.ts). */
function hostMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** The monitor records the time between its ticks (ns); the delay is what exceeds the resolution. */
function toDelayMs(ns: number): number {
  return Math.round(Math.max(0, ns / 1e6 - LOOP_DELAY_RESOLUTION_MS) * 100) / 100;
}
