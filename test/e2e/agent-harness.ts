/**
 * Test harness for real agent processes: spawns the agent the runner runs, `node
 * dist/agents/<protocol>.cjs`, detached with IPC (the way the runner does), collects its messages,
 * and kills every process group it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AgentConfig, AgentEvent, AgentToRunner } from '../../src/agent/contract.js';
import { freePorts } from '../../src/run/ports.js';
import { AGENT_NODE_FLAGS, agentEnv } from '../../src/agent/spawn-env.js';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The agent's modules as tsc wrote them: what runs when no bundle was built. */
export const AGENT_MAIN = join(ROOT, 'dist/src/agent/main.js');
/** The one-file agent of a protocol that the runner starts (scripts/bundle-agents.mjs). */
export const agentBundle = (protocol: string): string => join(ROOT, `dist/agents/${protocol}.cjs`);
export const DATA_DIR = join(ROOT, 'data/hotpotqa');

/** Fail loudly when the build is missing: these tests run the compiled agent. */
export function requireBuild(): void {
  for (const file of [AGENT_MAIN, agentBundle('json')])
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
}

/**
 * A free TCP port on 127.0.0.1, picked the way the runner picks them (src/run/ports.ts): below the
 * ephemeral range, so an outgoing connection of an agent already up cannot take it first.
 */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port;
}

/** A config with test defaults; override what the test is about. */
export function agentConfig(over: Partial<AgentConfig> & Pick<AgentConfig, 'id' | 'port'>): AgentConfig {
  const group = over.group ?? over.id.replace(/-\d+$/, '');
  return {
    group,
    index: 0,
    protocol: 'json',
    workspace: mkdtempSync(join(tmpdir(), 'storm-test-agent-')),
    tool: { name: 'echo', kind: 'echo' },
    peers: [],
    heartbeat: { intervalMs: 100, timeoutMs: 500 },
    flow: [
      { from: 'client', to: group, messageType: 'task' },
      { from: group, to: 'client', messageType: 'answer' },
    ],
    seed: 1,
    sendTimeoutMs: 2000,
    ...over,
  };
}

/** A spawned agent and everything it reported. */
export interface TestAgent {
  config: AgentConfig;
  child: ChildProcess;
  pid: number;
  url: string;
  events: AgentEvent[];
  messages: AgentToRunner[];
  stderr: string;
  /** Resolves with the first event matching `pred` (already seen or future), rejects after timeoutMs. */
  waitEvent(pred: (e: AgentEvent) => boolean, timeoutMs: number): Promise<AgentEvent>;
}

const started = new Set<number>();

/** Wait until `check` returns a value, polling every 10 ms, or reject after timeoutMs. */
export async function until<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Spawn one agent (by default its protocol's bundle) and wait for its `ready` message (or fail with its stderr). */
export async function spawnAgent(
  config: AgentConfig,
  env: Record<string, string> = {},
  script = agentBundle(config.protocol),
): Promise<TestAgent> {
  requireBuild();
  const child = spawn(process.execPath, [...AGENT_NODE_FLAGS, script], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...agentEnv(process.env, config), ...env, STORM_AGENT_CONFIG: JSON.stringify(config) },
  });
  started.add(child.pid!);
  const agent: TestAgent = {
    config,
    child,
    pid: child.pid!,
    url: '',
    events: [],
    messages: [],
    stderr: '',
    waitEvent: (pred, timeoutMs) => until(() => agent.events.find(pred), timeoutMs, 'an agent event'),
  };
  child.stderr!.on('data', (c: Buffer) => (agent.stderr += c.toString()));
  child.on('message', (m: AgentToRunner) => {
    agent.messages.push(m);
    if (m.type === 'events') agent.events.push(...m.events);
  });
  const ready = await until(
    () => {
      if (child.exitCode !== null) throw new Error(`agent ${config.id} exited ${child.exitCode}: ${agent.stderr}`);
      return agent.messages.find((m) => m.type === 'ready' || m.type === 'fatal');
    },
    10_000,
    `agent ${config.id} ready`,
  );
  if (ready.type === 'fatal') throw new Error(`agent ${config.id} fatal: ${ready.message}`);
  if (ready.type === 'ready') agent.url = ready.url;
  // as the runner does once every agent is up: the detector starts watching, loop delay is sampled
  child.send({ type: 'workload_start' });
  return agent;
}

/** Is a process with this pid still there (a zombie awaiting its reaper counts as gone). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** SIGKILL the process group of every agent this harness started (idempotent). */
export function killAll(): void {
  for (const pid of started) {
    try {
      process.kill(-pid, 'SIGCONT');
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  started.clear();
}

/** Remember an extra process group to kill in killAll (e.g. an intermediate parent). */
export function track(pid: number): void {
  started.add(pid);
}
