/**
 * Samples the machine's CPU use for `--workers auto`: the idle share of all CPUs from os.cpus()
 * counters, over a sliding window, and the 1-minute load average. System-wide on purpose: headroom
 * is headroom whoever uses the CPU, other users' jobs included.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import type { MachineSample } from './auto-workers.js';

interface Tick {
  t: number;
  idle: number;
  total: number;
}

function readCpu(t: number): Tick {
  let idle = 0;
  let total = 0;
  for (const c of cpus()) {
    idle += c.times.idle;
    total += c.times.user + c.times.nice + c.times.sys + c.times.idle + c.times.irq;
  }
  return { t, idle, total };
}

/** A sampler ticking every `everyMs`; `sample()` covers at least the last `windowMs`. */
export class MachineLoad {
  private readonly ticks: Tick[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly windowMs = 2000,
    everyMs = 500,
  ) {
    this.ticks.push(readCpu(this.now()));
    this.timer = setInterval(() => this.tick(), everyMs);
    // Sampling must never keep the runner alive.
    this.timer.unref();
  }

  /** Idle share over the newest window that spans at least windowMs, or null before one has passed. */
  sample(): MachineSample | null {
    const last = this.ticks[this.ticks.length - 1];
    const first = [...this.ticks].reverse().find((k) => last.t - k.t >= this.windowMs);
    if (!first || last.total <= first.total) return null;
    return {
      cores: availableParallelism(),
      idle: Math.min(1, Math.max(0, (last.idle - first.idle) / (last.total - first.total))),
      from: first.t,
      load1: loadavg()[0],
    };
  }

  /** Stop sampling. */
  close(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    this.ticks.push(readCpu(this.now()));
    // Keep a little more than one window of history.
    while (this.ticks.length > 2 && this.ticks[this.ticks.length - 1].t - this.ticks[1].t >= this.windowMs)
      this.ticks.shift();
  }
}
