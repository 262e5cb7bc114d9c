// Sequential round trips through one protocol: a real agent process (spawned the way the runner
// does, echo tool) driven by storm's own client for that protocol. Prints msgs/s and p50/p99, then
// the bytes per round trip counted by the transport meter of an in-process server (both directions,
// headers included; the first discovery/handshake requests are reported separately).
// Run `npx tsc -p tsconfig.json` first.
import { readFileSync } from 'node:fs';
import { config, fmt, freePort, kill, pct, spawnAgent } from './agent-lib.mjs';
import { loadProtocol } from '../dist/src/protocols/registry.js';

const message = (i) => ({
  id: `m-${i}`,
  task_id: `t-${i}`,
  step: 0,
  from: 'client',
  type: 'task',
  content: `question number ${i}: which shard holds it?`,
  ttl: 4,
});

// CPU seconds (user + system) of another process, from /proc (Linux); clock ticks are 1/100 s.
function cpuOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

async function loop(conn, ms) {
  const lat = [];
  const t0 = performance.now();
  let i = 0;
  while (performance.now() - t0 < ms) {
    const t = performance.now();
    const reply = await conn.send(message(i++), 5000);
    if (!reply.ok) throw new Error(`error reply: ${reply.error}`);
    lat.push(performance.now() - t);
  }
  return { lat, secs: (performance.now() - t0) / 1000 };
}

async function wireBytes(protocol, n) {
  let bytes = 0;
  let requests = 0;
  const meter = { add: (b, m) => ((bytes += b), (requests += m)) };
  const server = await protocol.serve({
    id: 'agent-0',
    host: '127.0.0.1',
    port: 0,
    workspace: process.cwd(),
    handler: async (m) => ({ ok: true, content: m.content }),
    meter,
  });
  const conn = protocol.connect({ id: 'agent-0', url: server.url }, { self: 'client' });
  await conn.send(message(0), 5000);
  const first = { bytes, requests };
  for (let i = 1; i <= n; i++) await conn.send(message(i), 5000);
  const steady = { bytes: (bytes - first.bytes) / n, requests: (requests - first.requests) / n };
  const pings = [];
  for (let i = 0; i < 2; i++) {
    const before = bytes;
    await conn.ping(5000);
    pings.push(bytes - before);
  }
  conn.close();
  await server.close();
  return { first, steady, pings };
}

/** Benchmark one protocol by name; `target` is the msgs/s it should reach. */
export async function roundtrip(name, target) {
  const protocol = await loadProtocol(name);
  const agent = await spawnAgent(config('agent-0', await freePort(), { protocol: name }));
  const conn = protocol.connect({ id: 'agent-0', url: agent.url }, { self: 'client' });
  try {
    await loop(conn, 1000); // warm-up: JIT, sockets, discovery
    const agentCpu0 = cpuOf(agent.pid);
    const cpu0 = process.cpuUsage();
    const { lat, secs } = await loop(conn, 3000);
    const cpu = process.cpuUsage(cpu0);
    const clientUs = (cpu.user + cpu.system) / lat.length;
    const agentUs = ((cpuOf(agent.pid) - agentCpu0) * 1e6) / lat.length;
    const rate = lat.length / secs;
    console.log(
      `roundtrip ${name}: ${lat.length} msgs in ${secs.toFixed(2)} s = ${rate.toFixed(0)} msgs/s, p50=${fmt(pct(lat, 50))} ms p99=${fmt(pct(lat, 99))} ms (target >= ${target}/s: ${rate >= target ? 'ok' : 'BELOW'})`,
    );
    // Throughput depends on what else the machine runs; CPU per round trip much less so.
    console.log(
      `roundtrip ${name}: cpu per round trip: client ${clientUs.toFixed(0)} µs, agent ${agentUs.toFixed(0)} µs (one core each: at most ~${(1e6 / Math.max(clientUs, agentUs)).toFixed(0)} msgs/s sequentially)`,
    );
  } finally {
    conn.close();
    kill(agent.pid);
  }
  const w = await wireBytes(protocol, 500);
  console.log(
    `roundtrip ${name}: wire ${w.steady.bytes.toFixed(0)} bytes/round trip (${w.steady.requests} request each); first send ${w.first.bytes} bytes in ${w.first.requests} requests; heartbeat ${w.pings[0]} bytes first, then ${w.pings[1]} bytes`,
  );
}
