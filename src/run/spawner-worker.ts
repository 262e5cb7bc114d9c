/**
 * The worker thread that starts agent processes (spawner.ts explains why). It owns every child it
 * spawns: their IPC channel, their output pipes (into each agent's capped agent.log) and their exit;
 * it relays all of it to the runner's main thread and does what the main thread asks (send, disconnect,
 * let go of the pipes). It keeps no other state.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { parentPort, workerData } from 'node:worker_threads';
import { CappedLog } from './capped-log.js';
import type { FromSpawner, ToSpawner } from './spawner-protocol.js';

/** Marks the worker started by spawner.ts (so importing this module elsewhere starts nothing). */
export const SPAWNER_WORKER = 'storm-spawner';

/** The spawner's logic: handles one request, reports through `post`. Also used in-thread (spawner.ts). */
export function spawnerCore(post: (msg: FromSpawner) => void): (msg: ToSpawner) => void {
  const children = new Map<number, ChildProcess>();
  return (msg) => {
    if (msg.op === 'spawn') return start(msg, children, post);
    const child = children.get(msg.ref);
    if (!child) return;
    try {
      if (msg.op === 'send' && child.connected) child.send(msg.message as never);
      else if (msg.op === 'disconnect' && child.connected) child.disconnect();
      else if (msg.op === 'unref-output') {
        (child.stdout as { unref?: () => void } | null)?.unref?.();
        (child.stderr as { unref?: () => void } | null)?.unref?.();
      }
    } catch {
      // the channel closed meanwhile: the agent is going away anyway
    }
  };
}

if (parentPort && workerData === SPAWNER_WORKER) {
  const port = parentPort;
  const handle = spawnerCore((msg) => port.postMessage(msg));
  port.on('message', handle);
}

function start(
  msg: Extract<ToSpawner, { op: 'spawn' }>,
  children: Map<number, ChildProcess>,
  post: (msg: FromSpawner) => void,
): void {
  const { ref, file, args, options, logPath } = msg;
  let child: ChildProcess;
  try {
    child = spawn(file, args, options);
  } catch (err) {
    return post({ op: 'spawn-error', ref, message: (err as Error).message });
  }
  if (child.pid === undefined) {
    // a missing program: 'error' follows on the next tick (bounded, so a start never hangs on it)
    const timer = setTimeout(() => post({ op: 'spawn-error', ref, message: 'no process was created' }), 1000);
    child.once('error', (err) => {
      clearTimeout(timer);
      post({ op: 'spawn-error', ref, message: err.message });
    });
    return;
  }
  children.set(ref, child);
  const log = new CappedLog(logPath);
  log.attach(child.stdout);
  log.attach(child.stderr);
  child.on('message', (message) => post({ op: 'message', ref, message }));
  child.on('error', () => undefined);
  child.once('exit', (code, signal) => post({ op: 'exit', ref, code, signal }));
  child.once('close', () => {
    log.close();
    children.delete(ref);
    post({ op: 'close', ref });
  });
  post({ op: 'spawned', ref, pid: child.pid });
}
