/**
 * Entry of a built-in agent process: `node dist/src/agent/main.js` with the AgentConfig as JSON in
 * STORM_AGENT_CONFIG (see contract.ts). Under the runner it talks over IPC: `ready` once it
 * listens, `events` in batches, `fatal` if it cannot start; it exits by itself when the runner
 * goes away. Without an IPC channel it runs standalone: prints `ready <url>` on stdout and drops
 * events (prints them as JSON lines when STORM_VERBOSE=1).
 * Imports stay minimal: start-up time is part of every restart the runner measures.
 */
import {
  AGENT_CONFIG_ENV,
  type AgentConfig,
  type AgentEvent,
  type AgentToRunner,
  type RunnerToAgent,
} from './contract.js';
import { now, type EventSink } from './events.js';
import { startAgent, type RunningAgent } from './runtime.js';

const ipc = typeof process.send === 'function';

function toRunner(msg: AgentToRunner): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected) return resolve();
    try {
      process.send!(msg, undefined, undefined, () => resolve());
    } catch {
      resolve();
    }
  });
}

const sink: EventSink = ipc
  ? (events: AgentEvent[]) => toRunner({ type: 'events', events })
  : async (events: AgentEvent[]) => {
      if (process.env.STORM_VERBOSE === '1') for (const e of events) process.stdout.write(`${JSON.stringify(e)}\n`);
    };

async function fatal(message: string): Promise<never> {
  // Wait for the message to leave (an event), bounded so a dead runner cannot keep us alive.
  if (ipc) await Promise.race([toRunner({ type: 'fatal', message }), new Promise((r) => setTimeout(r, 500))]);
  else process.stderr.write(`storm agent: ${message}\n`);
  process.exit(1);
}

/**
 * Exit when the runner is gone. Under the runner the IPC channel closes when it dies, however it
 * dies (the kernel closes its end), so no timer is needed; a standalone agent polls for being
 * re-parented. Idle agents must not wake up needlessly (see events.ts).
 */
function guardParent(): void {
  if (ipc) {
    process.on('disconnect', () => process.exit(0));
    return;
  }
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 1000).unref();
}

function onStop(agent: RunningAgent): void {
  let once = false;
  const stop = (): void => {
    if (once) return;
    once = true;
    // Stopping must be quick: a grace period elapses on the runner's side meanwhile.
    setTimeout(() => process.exit(0), 500).unref();
    agent.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (ipc) {
    process.on('message', (m: RunnerToAgent) => {
      if (m?.type === 'shutdown') stop();
      else if (m?.type === 'workload_start') agent.workloadStarted();
    });
  }
}

async function main(): Promise<void> {
  guardParent();
  const raw = process.env[AGENT_CONFIG_ENV];
  if (!raw) return fatal(`${AGENT_CONFIG_ENV} is not set`);
  let config: AgentConfig;
  try {
    config = JSON.parse(raw) as AgentConfig;
  } catch {
    return fatal(`${AGENT_CONFIG_ENV} is not valid JSON`);
  }
  const agent = await startAgent(config, sink, { awaitWorkload: ipc });
  onStop(agent);
  if (ipc) {
    const { port, url, listenedAt } = agent;
    await toRunner({ type: 'ready', pid: process.pid, port, url, at: now(), listenedAt });
  } else process.stdout.write(`ready ${agent.url}\n`);
}

process.on('uncaughtException', (err) => void fatal(`uncaught: ${err.stack ?? err.message}`));
main().catch((err: Error) => fatal(err.message ?? String(err)));
