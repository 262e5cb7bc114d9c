// Sequential round trips over the json protocol (target >= 3000/s): a jsonProtocol client in this
// process against a spawned agent (echo tool), then a two-hop pipeline client → agent → agent.
// A floor for this machine comes first: a bare node:http server process answering the same bytes,
// driven by a bare http.request loop (no storm code on either side).
// Usage: node bench/json-roundtrip.mjs [seconds per measurement, default 3]
import { spawn } from 'node:child_process';
import http from 'node:http';
import { config, fmt, freePort, killAll, pct, spawnAgent } from './agent-lib.mjs';

const { jsonProtocol } = await import('../dist/src/protocols/json/index.js');
const seconds = Number(process.argv[2] ?? 3);

const msg = (i) => ({
  id: `m${i}`,
  task_id: `t${i}`,
  step: 0,
  from: 'client',
  type: 'task',
  content: `question ${i}`,
  ttl: 4,
});

async function measure(label, url, note, sendFn) {
  const conn = jsonProtocol.connect({ id: 'target', url }, { self: 'client' });
  const send = sendFn ?? ((m) => conn.send(m, 5000));
  for (let i = 0; i < 500; i++) await send(msg(i)); // warm-up: JIT, sockets
  const lat = [];
  const end = performance.now() + seconds * 1000;
  let i = 0;
  while (performance.now() < end) {
    const t = performance.now();
    const r = await send(msg(i++));
    lat.push(performance.now() - t);
    if (!r.ok) throw new Error(`error reply: ${r.error}`);
  }
  const rate = lat.length / (lat.reduce((s, x) => s + x, 0) / 1000);
  console.log(
    `json-roundtrip ${label}: ${Math.round(rate)} round trips/s (n=${lat.length}) p50=${fmt(pct(lat, 50) * 1000)} µs p99=${fmt(pct(lat, 99) * 1000)} µs${note}`,
  );
  conn.close();
}

// The floor: bare node:http on both sides.
const barePort = await freePort();
const bareServer = spawn(
  process.execPath,
  [
    '-e',
    `
  require('node:http').createServer({ keepAlive: true }, (req, res) => {
    let b = ''; req.on('data', (d) => (b += d)).on('end', () => {
      const out = JSON.stringify({ ok: true, content: JSON.parse(b).content });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) }).end(out);
    });
  }).listen(${barePort}, '127.0.0.1', () => process.send('up'));`,
  ],
  { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
);
await new Promise((r) => bareServer.once('message', r));
const bareAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const bareSend = (m) =>
  new Promise((resolve, reject) => {
    const body = JSON.stringify(m);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: barePort,
        path: '/message',
        method: 'POST',
        agent: bareAgent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let b = '';
        res.on('data', (d) => (b += d)).on('end', () => resolve(JSON.parse(b)));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
await measure(
  'floor: bare node:http client→server',
  `http://127.0.0.1:${barePort}`,
  " (no storm code: this machine's limit)",
  bareSend,
);
bareServer.kill('SIGKILL');
bareAgent.destroy();

const flow = [
  { from: 'client', to: 'front', messageType: 'q' },
  { from: 'front', to: 'back', messageType: 'e' },
  { from: 'back', to: 'client', messageType: 'a' },
];
const [pf, pb] = [await freePort(), await freePort()];
const back = await spawnAgent(config('back-0', pb, { flow }));
const front = await spawnAgent(
  config('front-0', pf, { flow, peers: [{ id: 'back-0', url: back.url, group: 'back' }] }),
);
await measure('client→agent', back.url, ' (target >= 3000/s)');
await measure('client→agent→agent', front.url, ' (two hops per round trip)');
killAll();
