// Shared helpers for the agent benchmarks: spawn compiled agents the way the runner does
// (detached, IPC), free ports, percentiles. Run `npm run build` first.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const AGENT_MAIN = join(ROOT, 'dist/src/agent/main.js');
/** What the runner starts: the protocol's one-file agent (scripts/bundle-agents.mjs). */
export const agentBundle = (protocol) => join(ROOT, `dist/agents/${protocol}.cjs`);
if (!existsSync(AGENT_MAIN) || !existsSync(agentBundle('json'))) {
  console.error('dist/ missing: run npm run build first');
  process.exit(2);
}
const { AGENT_NODE_FLAGS, agentEnv } = await import('../dist/src/agent/spawn-env.js');
const { freePorts } = await import('../dist/src/run/ports.js');
export { AGENT_NODE_FLAGS };

/**
 * A free port on 127.0.0.1, chosen as the runner chooses agents' ports (src/run/ports.ts): below the
 * ephemeral range, so the outgoing connections of agents already up cannot take it before its agent binds.
 */
export async function freePort() {
  const [port] = await freePorts(1);
  return port;
}

/** An AgentConfig with bench defaults. */
export function config(id, port, over = {}) {
  const group = id.replace(/-\d+$/, '');
  return {
    id,
    group,
    index: 0,
    protocol: 'json',
    port,
    workspace: mkdtempSync(join(tmpdir(), 'storm-bench-')),
    tool: { name: 'echo', kind: 'echo' },
    peers: [],
    heartbeat: { intervalMs: 250, timeoutMs: 1000 },
    flow: [
      { from: 'client', to: group, messageType: 'task' },
      { from: group, to: 'client', messageType: 'answer' },
    ],
    seed: 1,
    sendTimeoutMs: 5000,
    ...over,
  };
}

const children = new Set();
/** Spawn an agent; resolves {child, pid, url, ms (spawn → ready message), warmUpMs, events}.
 *  Node flags: the runner's (AGENT_NODE_FLAGS) unless `flags` says otherwise, then `nodeArgs`;
 *  `script` defaults to the protocol's bundle; `startWorkload: false` leaves the agent waiting for the
 *  workload, as the runner's agents wait until every agent of the cell is ready. */
export function spawnAgent(
  cfg,
  nodeArgs = [],
  { inheritEnv = false, script = agentBundle(cfg.protocol), flags = AGENT_NODE_FLAGS, startWorkload = true } = {},
) {
  const t0 = performance.now();
  // Like the runner: the agent's environment without NODE_EXTRA_CA_CERTS (src/agent/spawn-env.ts),
  // unless `inheritEnv` asks for the raw environment, to show what that costs.
  const base = inheritEnv ? process.env : agentEnv(process.env, cfg);
  const child = spawn(process.execPath, [...flags, ...nodeArgs, script], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...base, STORM_AGENT_CONFIG: JSON.stringify(cfg) },
  });
  children.add(child.pid);
  const events = [];
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`agent ${cfg.id} not ready in 10 s`)), 10_000);
    child.on('message', (m) => {
      if (m.type === 'events') events.push(...m.events);
      if (m.type === 'ready') {
        clearTimeout(timer);
        // as the runner does once every agent is up: the detector starts watching its peers
        if (startWorkload) child.send({ type: 'workload_start' });
        const ms = performance.now() - t0;
        // the agent's own clock: how long its warm-up took between listening and ready
        done({ child, pid: child.pid, url: m.url, ms, warmUpMs: m.at - m.listenedAt, events });
      }
      if (m.type === 'fatal') fail(new Error(m.message));
    });
    child.on('exit', (code) => fail(new Error(`agent exited ${code}`)));
  });
}

/** SIGKILL one agent's process group. */
export function kill(pid) {
  try {
    process.kill(-pid, 'SIGCONT');
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* gone */
  }
  children.delete(pid);
}
/** SIGKILL every agent spawned here. */
export function killAll() {
  for (const pid of [...children]) kill(pid);
}
process.on('exit', killAll);
for (const s of ['SIGINT', 'SIGTERM'])
  process.on(s, () => {
    killAll();
    process.exit(130);
  });

/** Spawn → first IPC message of a bare `node -e` (the floor under any agent's start-up), in ms. */
export function spawnBare() {
  const t0 = performance.now();
  const env = agentEnv(process.env, { tool: { name: 'echo', kind: 'echo' } });
  const child = spawn(process.execPath, ['-e', 'process.send(1)'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((done) =>
    child.once('message', () => {
      done(performance.now() - t0);
      child.kill('SIGKILL');
    }),
  );
}

/** The p-th percentile (0..100) of numbers, nearest rank. */
export function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
export const fmt = (x) => x.toFixed(1);
