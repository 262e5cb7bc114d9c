/** Messages between the runner's main thread and the spawner worker (spawner.ts, spawner-worker.ts). */
import type { SpawnOptions } from 'node:child_process';

export type ToSpawner =
  /** Start `file args`; its stdout and stderr go to `logPath` (capped). `ref` names the child from now on. */
  | { op: 'spawn'; ref: number; file: string; args: string[]; options: SpawnOptions; logPath: string }
  | { op: 'send'; ref: number; message: unknown }
  | { op: 'disconnect'; ref: number }
  /** A daemon that inherited the output pipes must not keep the worker (and the runner) alive. */
  | { op: 'unref-output'; ref: number };

export type FromSpawner =
  | { op: 'spawned'; ref: number; pid: number }
  | { op: 'spawn-error'; ref: number; message: string }
  | { op: 'message'; ref: number; message: unknown }
  | { op: 'exit'; ref: number; code: number | null; signal: NodeJS.Signals | null }
  /** Exited and its output pipes closed: everything it wrote has reached agent.log. */
  | { op: 'close'; ref: number };
