// What an agent costs between tasks: N built-in agents in a ring, heartbeating their two neighbours,
// no tasks. Prints CPU per agent per second (all its threads, from /proc/<pid>/task/*/schedstat) and
// memory (RSS, PSS), once with the runner's node flags (AGENT_NODE_FLAGS) and once without any.
// In a 500-agent cell this is what the machine pays 500 times over, before any workload.
// Usage: node bench/agent-idle.mjs [agents, default 20] [heartbeat ms, default 2000] [seconds, default 8]
import { readdirSync, readFileSync } from 'node:fs';
import { AGENT_NODE_FLAGS, config, freePort, kill, spawnAgent } from './agent-lib.mjs';

const n = Number(process.argv[2] ?? 20);
const heartbeatMs = Number(process.argv[3] ?? 2000);
const seconds = Number(process.argv[4] ?? 8);

/** CPU time of every thread of `pid`, in ms (schedstat: ns on a CPU). */
function cpuMs(pid) {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      /* thread ended */
    }
  }
  return ns / 1e6;
}
function memoryMb(pid) {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)[1]);
  return { rss: kb('Rss') / 1024, pss: kb('Pss') / 1024 };
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function ring(flags, label) {
  const ports = [];
  for (let i = 0; i < n; i++) ports.push(await freePort());
  const peer = (j) => ({ id: `node-${j}`, url: `http://127.0.0.1:${ports[j]}`, group: 'node' });
  const agents = [];
  for (let i = 0; i < n; i++) {
    const cfg = config(`node-${i}`, ports[i], {
      peers: [peer((i + n - 1) % n), peer((i + 1) % n)],
      heartbeat: { intervalMs: heartbeatMs, timeoutMs: 4 * heartbeatMs },
      loopDelay: false,
    });
    agents.push(await spawnAgent(cfg, [], { flags }));
  }
  // spawnAgent has sent workload_start: the detectors watch. Let one interval pass, then measure.
  await new Promise((r) => setTimeout(r, heartbeatMs + 500));
  const before = agents.map((a) => cpuMs(a.pid));
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const elapsed = (performance.now() - t0) / 1000;
  const perSecond = agents.map((a, i) => (cpuMs(a.pid) - before[i]) / elapsed);
  const mem = agents.map((a) => memoryMb(a.pid));
  for (const a of agents) kill(a.pid);
  console.log(
    `agent-idle ${label}: ${n} agents in a ring, heartbeat ${heartbeatMs} ms: CPU ${mean(perSecond).toFixed(2)} ms/s per agent ` +
      `(max ${Math.max(...perSecond).toFixed(2)}), RSS ${mean(mem.map((m) => m.rss)).toFixed(1)} MB, PSS ${mean(mem.map((m) => m.pss)).toFixed(1)} MB`,
  );
}

await ring(AGENT_NODE_FLAGS, `flags [${AGENT_NODE_FLAGS.join(' ')}]`);
await ring([], 'no flags');
