/**
 * Agent processes are started off the runner's main thread. `child_process.spawn` blocks its thread
 * until the child has exec'd (libuv forks, then waits on a pipe), and on a busy 2-core machine the
 * forked child waits in the run queue behind the agents already booting: 35–50 ms per spawn,
 * measured, during which the driver could issue no task — three victims restarted at once showed as
 * 165 ms of issue lag, and a 100-agent start spent 3.8 s of the main thread in `spawn`
 * (docs/benchmarks.md). A worker thread (spawner-worker.ts) spawns and owns the children; the main
 * thread sees each one as an AgentChild, the part of ChildProcess storm uses.
 *
 * Run from the TypeScript sources (unit tests), the worker's compiled file does not exist and the
 * same code runs on the calling thread.
 */
import type { SpawnOptions } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromSpawner, ToSpawner } from './spawner-protocol.js';
import { SPAWNER_WORKER, spawnerCore } from './spawner-worker.js';

/** A started agent process as the main thread sees it. Events: `message`, `exit` (code, signal), `close`. */
export class AgentChild extends EventEmitter {
  connected = true;

  constructor(
    readonly pid: number,
    private readonly ask: (msg: ToSpawner) => void,
    private readonly ref: number,
  ) {
    super();
  }

  /** Send over the IPC channel (a built-in agent); nothing once it closed. */
  send(message: unknown): void {
    if (this.connected) this.ask({ op: 'send', ref: this.ref, message });
  }

  disconnect(): void {
    if (!this.connected) return;
    this.connected = false;
    this.ask({ op: 'disconnect', ref: this.ref });
  }

  /** A daemon that inherited the output pipes must not keep the runner alive. */
  unrefOutput(): void {
    this.ask({ op: 'unref-output', ref: this.ref });
  }
}

const WORKER_FILE = fileURLToPath(new URL('./spawner-worker.js', import.meta.url));

/** Starts processes through one worker thread, shared by every cell of the run. */
class Spawner {
  private worker: Worker | undefined;
  private local: ((msg: ToSpawner) => void) | undefined;
  private nextRef = 1;
  private readonly pending = new Map<number, { resolve: (c: AgentChild) => void; reject: (e: Error) => void }>();
  private readonly children = new Map<number, AgentChild>();
  /** Children that have not exited: the worker keeps the runner alive for them (not for their pipes). */
  private running = 0;

  /** Start `file args`, its output into `logPath` (capped); resolves once the process exists. */
  spawn(file: string, args: string[], options: SpawnOptions, logPath: string): Promise<AgentChild> {
    const ref = this.nextRef++;
    return new Promise((resolve, reject) => {
      this.pending.set(ref, { resolve, reject });
      this.keepAlive();
      this.ask({ op: 'spawn', ref, file, args, options, logPath });
    });
  }

  /**
   * Start the worker thread now, so that its boot (≈ 50 ms, measured) overlaps other start-up work
   * instead of delaying the first agent. Idempotent; it keeps nothing alive while idle.
   */
  prepare(): void {
    if (this.local) return;
    this.startWorker();
    this.keepAlive();
  }

  private startWorker(): void {
    // STORM_SPAWN_WORKER=0 spawns on the main thread (to measure what the worker saves)
    if (this.worker || !existsSync(WORKER_FILE) || process.env.STORM_SPAWN_WORKER === '0') return;
    this.worker = new Worker(WORKER_FILE, { workerData: SPAWNER_WORKER });
    this.worker.on('message', (m: FromSpawner) => this.receive(m));
    this.worker.on('error', (err) => this.failAll(err));
  }

  private ask = (msg: ToSpawner): void => {
    if (this.local) return this.local(msg);
    this.startWorker();
    if (this.worker) return this.worker.postMessage(msg);
    this.local = spawnerCore((m) => queueMicrotask(() => this.receive(m)));
    this.local(msg);
  };

  private receive(m: FromSpawner): void {
    if (m.op === 'spawned') {
      const waiter = this.pending.get(m.ref);
      this.pending.delete(m.ref);
      const child = new AgentChild(m.pid, this.ask, m.ref);
      this.children.set(m.ref, child);
      this.running++;
      waiter?.resolve(child);
    } else if (m.op === 'spawn-error') {
      const waiter = this.pending.get(m.ref);
      this.pending.delete(m.ref);
      waiter?.reject(new Error(m.message));
    } else {
      const child = this.children.get(m.ref);
      if (!child) return;
      // agents' events are the hot path: nothing else to do for them
      if (m.op === 'message') return void child.emit('message', m.message);
      if (m.op === 'exit') {
        this.running--;
        child.connected = false;
        child.emit('exit', m.code, m.signal);
      } else if (m.op === 'close') {
        this.children.delete(m.ref);
        child.emit('close');
      }
    }
    this.keepAlive();
  }

  /** The worker keeps the runner alive only while it has something to report. */
  private keepAlive(): void {
    if (!this.worker) return;
    if (this.pending.size > 0 || this.running > 0) this.worker.ref();
    else this.worker.unref();
  }

  private failAll(err: Error): void {
    for (const w of this.pending.values()) w.reject(err);
    this.pending.clear();
    for (const c of this.children.values()) {
      c.connected = false;
      c.emit('exit', null, null);
      c.emit('close');
    }
    this.children.clear();
    this.running = 0;
    this.worker = undefined;
  }
}

/** The run's spawner. */
export const spawner = new Spawner();
