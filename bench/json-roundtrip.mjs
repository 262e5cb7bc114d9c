// Sequential round trips over the json protocol (target >= 3000/s): a jsonProtocol client in this
// process against a spawned agent (echo tool), then a two-hop pipeline client → agent → agent.
// Usage: node bench/json-roundtrip.mjs [seconds per measurement, default 3]
import { config, fmt, freePort, killAll, pct, spawnAgent } from './agent-lib.mjs';

const { jsonProtocol } = await import('../dist/src/protocols/json/index.js');
const seconds = Number(process.argv[2] ?? 3);

async function measure(label, url, note) {
  const conn = jsonProtocol.connect({ id: 'target', url }, { self: 'client' });
  const msg = (i) => ({ id: `m${i}`, task_id: `t${i}`, step: 0, from: 'client', type: 'task', content: `question ${i}`, ttl: 4 });
  for (let i = 0; i < 500; i++) await conn.send(msg(i), 5000); // warm-up: JIT, sockets
  const lat = [];
  const end = performance.now() + seconds * 1000;
  let i = 0;
  while (performance.now() < end) {
    const t = performance.now();
    const r = await conn.send(msg(i++), 5000);
    lat.push(performance.now() - t);
    if (!r.ok) throw new Error(`error reply: ${r.error}`);
  }
  const rate = lat.length / (lat.reduce((s, x) => s + x, 0) / 1000);
  console.log(`json-roundtrip ${label}: ${Math.round(rate)} round trips/s (n=${lat.length}) p50=${fmt(pct(lat, 50) * 1000)} µs p99=${fmt(pct(lat, 99) * 1000)} µs${note}`);
  conn.close();
}

const flow = [
  { from: 'client', to: 'front', messageType: 'q' },
  { from: 'front', to: 'back', messageType: 'e' },
  { from: 'back', to: 'client', messageType: 'a' },
];
const [pf, pb] = [await freePort(), await freePort()];
const back = await spawnAgent(config('back-0', pb, { flow }));
const front = await spawnAgent(config('front-0', pf, { flow, peers: [{ id: 'back-0', url: back.url, group: 'back' }] }));
await measure('client→agent', back.url, ' (target >= 3000/s)');
await measure('client→agent→agent', front.url, ' (two hops per round trip)');
killAll();
