// Shared by bench/roundtrip-anp.mjs and bench/roundtrip-agora.mjs: spawn a real built-in agent
// process (dist/src/agent/main.js, echo tool, IPC as the runner does), talk to it with the
// protocol's own client from this process (self: 'client', like the runner's driver), and measure:
//   first contact (ANP: DIDWba handshake + DID fetch; Agora: document fetch), steady round trips for
//   ~3 s after a warm-up, and the first exchange after the agent is SIGKILLed and restarted.
// Bytes come from the transport meters: the agent's server (reported over IPC as `wire` events) plus
// the client's own small server (DID / protocol documents the agent fetches from us).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
// What the runner starts: the protocol's one-file agent (scripts/bundle-agents.mjs).
const agentBundle = (protocol) => join(ROOT, `dist/agents/${protocol}.cjs`);
if (!existsSync(agentBundle('json'))) {
  console.error('dist/agents/ missing: run npm run build first');
  process.exit(2);
}

const children = new Set();
const killGroup = (pid) => {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* gone */
  }
  children.delete(pid);
};
process.on('exit', () => {
  for (const pid of [...children]) killGroup(pid);
});
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(130));

function freePort() {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

/** Spawn one echo agent; resolves { pid, url, wire } where wire accumulates the agent's meter. */
function spawnAgent(protocol, id, port, wire) {
  const cfg = {
    id,
    group: 'worker',
    index: 0,
    protocol,
    port,
    workspace: mkdtempSync(join(tmpdir(), 'storm-bench-')),
    tool: { name: 'echo', kind: 'echo' },
    peers: [],
    heartbeat: { intervalMs: 250, timeoutMs: 1000 },
    flow: [
      { from: 'client', to: 'worker', messageType: 'task' },
      { from: 'worker', to: 'client', messageType: 'answer' },
    ],
    seed: 1,
    sendTimeoutMs: 5000,
  };
  const child = spawn(process.execPath, [agentBundle(cfg.protocol)], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, STORM_AGENT_CONFIG: JSON.stringify(cfg) },
  });
  children.add(child.pid);
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`agent ${id} not ready in 10 s`)), 10_000);
    child.on('message', (m) => {
      if (m.type === 'events')
        for (const e of m.events)
          if (e.type === 'wire') {
            wire.bytes += e.bytes;
            wire.messages += e.messages;
          }
      if (m.type === 'ready') {
        clearTimeout(timer);
        done({ pid: child.pid, url: m.url });
      }
      if (m.type === 'fatal') fail(new Error(m.message));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== null) fail(new Error(`agent exited ${code}`));
    });
  });
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const settle = () => new Promise((r) => setTimeout(r, 250)); // the agent flushes wire events every ≤100 ms
const msg = (i) => ({
  id: `m-${i}`,
  task_id: `t-${i}`,
  step: 0,
  from: 'client',
  type: 'task',
  content: `question number ${i}: which shard holds it?`,
  ttl: 4,
});

/** Run the benchmark for `protocol` ('anp' | 'agora'); prints one line per phase; exits 1 under target. */
export async function benchmark(protocol, target, { durationMs = 3000, warmupMs = 1000 } = {}) {
  const mod = await import(join(ROOT, `dist/src/protocols/${protocol}/index.js`));
  const proto = mod[`${protocol}Protocol`];
  const wire = { bytes: 0, messages: 0 };
  const local = {
    bytes: 0,
    messages: 0,
    add(b, n) {
      this.bytes += b;
      this.messages += n;
    },
  };
  const total = () => wire.bytes + local.bytes;
  const port = await freePort();
  let agent = await spawnAgent(protocol, 'worker-0', port, wire);
  if (!(await proto.ready(agent.url, 5000))) throw new Error('agent not ready');
  const conn = proto.connect({ id: 'worker-0', url: agent.url }, { self: 'client', meter: local });
  await settle();

  const firstContact = async (label) => {
    const b0 = total();
    const t0 = performance.now();
    const reply = await conn.send(msg(label), 5000);
    const ms = performance.now() - t0;
    if (!reply.ok) throw new Error(`${label}: ${reply.error}`);
    await settle();
    console.log(`${protocol} ${label}: ${ms.toFixed(2)} ms, ${total() - b0} bytes on the wire`);
  };
  await firstContact('first contact');

  let i = 0;
  for (const end = performance.now() + warmupMs; performance.now() < end; ) await conn.send(msg(i++), 5000);
  await settle();
  const b0 = total();
  const lat = [];
  const start = performance.now();
  while (performance.now() - start < durationMs) {
    const t = performance.now();
    const reply = await conn.send(msg(i++), 5000);
    lat.push(performance.now() - t);
    if (!reply.ok) throw new Error(reply.error);
  }
  const secs = (performance.now() - start) / 1000;
  await settle();
  const rate = lat.length / secs;
  console.log(
    `${protocol} steady: ${lat.length} round trips in ${secs.toFixed(2)} s = ${rate.toFixed(0)} msgs/s ` +
      `(target ≥ ${target}), p50 ${pct(lat, 50).toFixed(2)} ms, p99 ${pct(lat, 99).toFixed(2)} ms, ` +
      `${((total() - b0) / lat.length).toFixed(0)} bytes/round trip`,
  );

  killGroup(agent.pid);
  await conn.ping(2000).catch(() => false); // the client sees the refusal, as a heartbeat would
  agent = await spawnAgent(protocol, 'worker-0', port, wire);
  await settle();
  await firstContact('after restart');
  conn.close();
  killGroup(agent.pid);
  if (rate < target) process.exitCode = 1;
}
