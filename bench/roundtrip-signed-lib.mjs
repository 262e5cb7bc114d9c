// Shared by bench/roundtrip-anp.mjs and bench/roundtrip-agora.mjs: spawn a real built-in agent
// process (its protocol's bundle, echo tool, IPC as the runner does: bench/agent-lib.mjs), talk to it with the
// protocol's own client from this process (self: 'client', like the runner's driver), and measure:
//   first contact (ANP: DIDWba handshake + DID fetch; Agora: document fetch), steady round trips for
//   ~3 s after a warm-up, and the first exchange after the agent is SIGKILLed and restarted.
// Bytes come from the transport meters: the agent's server (reported over IPC as `wire` events) plus
// the client's own small server (DID / protocol documents the agent fetches from us).
import { join } from 'node:path';
import { config, freePort, kill, ROOT, spawnAgent as spawnBuiltIn } from './agent-lib.mjs';

/** Spawn one echo agent as the runner does; resolves { pid, url }; `wire` accumulates the agent's meter. */
async function spawnAgent(protocol, id, port, wire) {
  const agent = await spawnBuiltIn(config(id, port, { protocol }));
  const count = (events) => {
    for (const e of events)
      if (e.type === 'wire') {
        wire.bytes += e.bytes;
        wire.messages += e.messages;
      }
  };
  count(agent.events);
  agent.child.on('message', (m) => m.type === 'events' && count(m.events));
  return { pid: agent.pid, url: agent.url };
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

  kill(agent.pid);
  await conn.ping(2000).catch(() => false); // the client sees the refusal, as a heartbeat would
  agent = await spawnAgent(protocol, 'worker-0', port, wire);
  await settle();
  await firstContact('after restart');
  conn.close();
  kill(agent.pid);
  if (rate < target) process.exitCode = 1;
}
