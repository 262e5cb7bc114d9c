/**
 * The workload driver: the `client` of the message flow. It issues tasks at a fixed rate (open model)
 * or keeps `concurrency` tasks in flight (closed model), sends each to a member of the first step's
 * group that its own failure detector believes alive, and records every issue and outcome. It never
 * retries: a task sent to a dead agent is a failure the metrics must see.
 */
import { randomUUID } from 'node:crypto';
import type { PeerConnection, PeerInfo, Protocol } from '../protocols/types.js';
import type { Scenario } from '../scenario/types.js';
import { ClientMonitor } from './client-monitor.js';
import { monotonicMs, waitUntil } from './clock.js';
import type { HistoryEvent } from '../model/history.js';
import { isCorrect, type QuestionBook } from './questions.js';
import { WARM_UP_TYPE } from '../agent/warm-up.js';

/** Warm-up rounds: the first opens every connection and loads the client code, the next let the JIT see it run. */
const WARM_UP_ROUNDS = 3;
/**
 * Targets of the rounds after the first: the client code is the same for every target, so a few of them
 * are enough. Three rounds over all 250 targets of a large cell kept the runner busy for 2 s, and that
 * backlog was still being worked off at t=0.
 */
const WARM_UP_JIT_TARGETS = 8;
/** Bound on one warm-up exchange: it is best effort, and start-up must not wait on it for long. */
const WARM_UP_TIMEOUT_MS = 2000;

export interface DriverOptions {
  scenario: Scenario;
  protocol: Protocol;
  /** Members of the first step's target group: id → base URL. */
  targets: PeerInfo[];
  /** Shard-QA questions, when the target group answers from data. */
  questions?: QuestionBook;
  /** Events carry absolute monotonic times; the history rebases them on t0. */
  record(event: HistoryEvent): void;
  signal: AbortSignal;
}

/** Drives one cell's workload; `run()` resolves when every issued task has an outcome. */
export class Driver {
  private readonly conns = new Map<string, PeerConnection>();
  private readonly monitor: ClientMonitor;
  private readonly restarted = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private seq = 0;
  private rr = 0;
  private t0 = 0;

  constructor(private readonly o: DriverOptions) {
    const hb = o.scenario.heartbeat;
    this.monitor = new ClientMonitor(hb.intervalMs, hb.timeoutMs);
    // Protocols that make the client publish documents (ANP's DID document, Agora's protocol
    // documents) serve them from a small server of the client's own: its traffic counts too.
    const meter = {
      add: (bytes: number, messages: number) =>
        o.record({ type: 'wire', t: monotonicMs(), agent: 'client', bytes, messages }),
    };
    for (const t of o.targets) {
      const conn = o.protocol.connect(
        { id: t.id, url: t.url, protocolVersion: t.protocolVersion },
        { self: 'client', meter },
      );
      this.conns.set(t.id, conn);
      this.monitor.watch(t.id, conn);
    }
  }

  /**
   * Before t=0, exchange a few messages with every target through the same connections the workload
   * will use, so every connection is open and the runner's own client code (the a2a SDK's discovery
   * and send path above all) is loaded and compiled during start-up rather than on the first tasks,
   * where it would show up as issue lag. Built-in agents (`builtIn`) answer the warm-up type without
   * running their tool or recording an execution; a user's agent would not know it, so it only gets
   * heartbeats. Nothing is recorded in the history (the bytes fall in the start-up share of
   * bytes_total); failures are ignored.
   */
  async warmUp(builtIn: ReadonlySet<string>): Promise<void> {
    for (let i = 0; i < WARM_UP_ROUNDS && !this.o.signal.aborted; i++) {
      const targets = i === 0 ? this.o.targets : this.o.targets.slice(0, WARM_UP_JIT_TARGETS);
      await Promise.allSettled(
        targets.map(async (t) => {
          const conn = this.conns.get(t.id)!;
          if (!builtIn.has(t.id)) return conn.ping(WARM_UP_TIMEOUT_MS);
          const msg = {
            id: `client.warm-up.${t.id}.${i}`,
            task_id: `warm-up.${i}`,
            step: 0,
            from: 'client',
            type: WARM_UP_TYPE,
            content: 'warm-up',
            ttl: 0,
          };
          return withDeadline(conn.send(msg, WARM_UP_TIMEOUT_MS), WARM_UP_TIMEOUT_MS + 500);
        }),
      );
    }
  }

  /** Start heartbeating the targets (before the workload starts, so beliefs are warm). */
  startMonitor(): void {
    this.monitor.start();
  }

  /** Set t=0 (monotonic ms): the workload schedule counts from here. */
  setOrigin(t0: number): void {
    this.t0 = t0;
  }

  /** A victim came back as a new process: its next successful task is a `reconnect`. */
  markRestarted(id: string): void {
    this.restarted.add(id);
  }

  /** Issue tasks until `endMs` (relative to t0), then wait for the stragglers. */
  async run(endMs: number): Promise<void> {
    const w = this.o.scenario.workload;
    if (w.concurrency) {
      await Promise.all(Array.from({ length: w.concurrency }, () => this.closedLoop(endMs)));
    } else {
      const period = 1000 / (w.ratePerSec ?? 10);
      for (let k = 0; ; k++) {
        // Absolute schedule (no drift from slow iterations), half a period off the whole-second grid:
        // faults are scheduled on that grid, so no task is issued in the same millisecond as a fault and
        // timer jitter cannot move a task across the fault's bucket boundaries (docs/metrics.md).
        const at = (k + 0.5) * period;
        if (at >= endMs || this.o.signal.aborted) break;
        await waitUntil(this.t0 + at, this.o.signal);
        if (this.o.signal.aborted) break;
        const now = this.now();
        if (now - this.t0 >= endMs) {
          this.skipLate(k, period, endMs, now);
          break;
        }
        this.track(this.issue(now, at));
      }
    }
    // An interrupted run does not wait out the tasks in flight (up to task_timeout each): the cell is
    // inconclusive anyway, and Ctrl-C must end the run within moments (SPEC §5: exit 130).
    await untilAborted(Promise.all(this.inFlight), this.o.signal);
  }

  /**
   * The driver woke up after the end of the run: tasks k, k+1, … were scheduled inside it but would be
   * issued outside it, where no metric window can judge them. They are never sent; each is recorded
   * so the harness block counts it, with its lag so far (a lower bound of the lag it would have had).
   */
  private skipLate(k: number, period: number, endMs: number, now: number): void {
    for (let j = k; (j + 0.5) * period < endMs; j++) {
      this.o.record({ type: 'task_skipped', t: now, scheduled: this.t0 + (j + 0.5) * period });
    }
  }

  /** Stop heartbeats and close connections. */
  close(): void {
    this.monitor.stop();
    for (const c of this.conns.values()) c.close();
  }

  private async closedLoop(endMs: number): Promise<void> {
    // The issue time is the one checked against the end, so no task can be stamped after it.
    for (let now = this.now(); !this.o.signal.aborted && now - this.t0 < endMs; now = this.now()) await this.issue(now);
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private now(): number {
    return monotonicMs();
  }

  /** Round-robin over the members believed alive. */
  private pickTarget(): string | undefined {
    const alive = this.o.targets.filter((t) => this.monitor.isAlive(t.id));
    if (alive.length === 0) return undefined;
    return alive[this.rr++ % alive.length].id;
  }

  /**
   * Issue one task at `issuedAt` (absolute, already checked to lie before the end of the run);
   * `scheduledMs` (relative to t0) is when the open workload planned it.
   */
  private async issue(issuedAt: number, scheduledMs?: number): Promise<void> {
    const { record, scenario } = this.o;
    const task = `t${this.seq++}`;
    const to = this.pickTarget();
    const scheduled = scheduledMs === undefined ? {} : { scheduled: this.t0 + scheduledMs };
    record({ type: 'task_issued', t: issuedAt, task, to: to ?? '', ...scheduled });
    if (!to) {
      record({ type: 'task_end', t: this.now(), task, outcome: 'fail', error: 'no live target (client detector)' });
      return;
    }
    const q = this.o.questions?.next(to);
    const step = scenario.workload.messageFlow[0];
    const msg = {
      id: randomUUID(),
      task_id: task,
      step: 0,
      from: 'client',
      type: step.messageType,
      content: q ? q.question : `task ${task}`,
      ttl: 4,
    };
    const timeoutMs = scenario.workload.taskTimeoutMs;
    try {
      const reply = await withDeadline(this.conns.get(to)!.send(msg, timeoutMs), timeoutMs + 1000);
      const t = this.now();
      if (!reply.ok) {
        record({ type: 'task_end', t, task, outcome: 'fail', error: reply.error ?? 'error reply' });
        return;
      }
      if (this.restarted.delete(to)) record({ type: 'reconnect', t, agent: to, by: 'client' });
      // the answer proves `to` executed step 0, even if it dies before its own event batch leaves
      record({ type: 'exec', t, agent: to, task, step: 0, by: 'client' });
      const correct = q ? isCorrect(reply.content, q.answer) : undefined;
      record({ type: 'task_end', t, task, outcome: 'ok', ...(correct === undefined ? {} : { correct }) });
    } catch (err) {
      const e = err as { code?: string; name?: string; message?: string };
      const timedOut =
        e.code === 'ETIMEDOUT' || e.name === 'TimeoutError' || e.name === 'AbortError' || e.code === 'DEADLINE';
      if (e.code === 'ECONNREFUSED') this.monitor.reportRefused(to);
      record({
        type: 'task_end',
        t: this.now(),
        task,
        outcome: timedOut ? 'timeout' : 'fail',
        error: e.code ?? e.message,
      });
    }
  }
}

/** Reject with code DEADLINE after `ms`: a protocol client that ignores its timeout cannot hang a cell. */
function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no reply within ${ms} ms`), { code: 'DEADLINE' })), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

/** Resolve when `p` settles or `signal` aborts, whichever comes first. */
function untilAborted(p: Promise<unknown>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    void p.then(done, done);
  });
}
