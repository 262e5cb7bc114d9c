// What the fault proxy costs: (1) HTTP keep-alive round trips to a node:http server, direct vs
// through an idle LinkProxy (latency percentiles and CPU of this process per round trip, server
// included in both), then the added median per request measured in interleaved blocks (direct,
// idle proxy, proxy framing messages for a message rule that matches nothing) so the machine's
// load drifts over all three alike — the budget for an idle link is < 0.2 ms; (2) the runner's CPU
// during scenarios/partition.storm.yaml on json, with the proxy (as shipped) and the same scenario
// without its network faults (direct connections).
// Usage: node bench/fault-proxy.mjs [--quick]   (after npx tsc -p tsconfig.json; --quick skips (2))
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { LinkProxy } = await import(join(root, 'dist/src/faults/proxy.js'));

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end(JSON.stringify({ ok: true, content: 'x'.repeat(200) })));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const target = server.address().port;
const proxy = await LinkProxy.listen({ from: 'a', to: 'b', targetPort: target, seed: 1 });
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const body = JSON.stringify({ id: 'm', content: 'y'.repeat(300) });

function once(port) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function roundTrips(port, n) {
  for (let i = 0; i < 200; i++) await once(port); // warm up
  const times = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await once(port);
    times.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  const pct = (q) => times[Math.floor(q * (times.length - 1))].toFixed(3);
  return `p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, CPU ${((cpu.user + cpu.system) / n).toFixed(0)} µs per round trip`;
}

const N = 3000;
console.log(`direct:        ${await roundTrips(target, N)}`);
console.log(`through proxy: ${await roundTrips(proxy.port, N)}`);

// (1b) added median per request, interleaved blocks
const framing = await LinkProxy.listen({ from: 'a', to: 'c', targetPort: target, seed: 2 });
framing.setRule({
  messages: [{ fault: 0, messageType: 'none', action: 'drop', share: 1, requests: ['none'], replies: [] }],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function block(port, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await once(port);
    times.push(performance.now() - t);
  }
  return median(times);
}
const BLOCKS = 15;
const added = { idle: [], framing: [] };
for (let b = 0; b < BLOCKS; b++) {
  const d = await block(target, 300);
  added.idle.push((await block(proxy.port, 300)) - d);
  added.framing.push((await block(framing.port, 300)) - d);
}
const ms = (x) => `${x.toFixed(3)} ms`;
const spread = (xs) => `${ms(Math.min(...xs))} … ${ms(Math.max(...xs))}`;
console.log(
  `added median per request, idle link:             ${ms(median(added.idle))} (blocks: ${spread(added.idle)}; budget 0.200 ms) ${median(added.idle) < 0.2 ? 'OK' : 'OVER BUDGET'}`,
);
console.log(
  `added median per request, link framing messages: ${ms(median(added.framing))} (blocks: ${spread(added.framing)})`,
);
agent.destroy();
await proxy.close();
await framing.close();
server.close();
if (process.argv.includes('--quick')) process.exit(0);

// (2) runner CPU for a whole cell, with and without the proxy
const tick = 100; // USER_HZ
const cpuMs = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const x = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return ((Number(x[11]) + Number(x[12])) * 1000) / tick;
};
async function cellCpu(file) {
  const out = mkdtempSync(join(tmpdir(), 'storm-bench-'));
  const child = spawn(
    process.execPath,
    [join(root, 'dist/src/cli/main.js'), 'test', file, '-p', 'json', '-o', out, '-r', 'json'],
    { stdio: 'ignore', env: { ...process.env, CI: 'true' } },
  );
  let last = 0;
  const timer = setInterval(() => {
    try {
      last = cpuMs(child.pid);
    } catch {
      /* exited */
    }
  }, 50);
  const t = performance.now();
  await new Promise((r) => child.on('exit', r));
  clearInterval(timer);
  return `runner CPU ${(last / 1000).toFixed(2)} s over ${((performance.now() - t) / 1000).toFixed(1)} s wall`;
}
const shipped = join(root, 'scenarios/partition.storm.yaml');
const direct = join(mkdtempSync(join(tmpdir(), 'storm-bench-')), 'direct.storm.yaml');
const text = readFileSync(shipped, 'utf8');
writeFileSync(
  direct,
  text
    .replace(/\nfaults:\n(?: {2}- .*\n)+/, '\n')
    .replace(/\nexpect:\n(?: {2}- .*\n)+/, '\nexpect:\n  - tasks_lost == 0\n'),
);
console.log(`partition.storm.yaml (json), proxied: ${await cellCpu(shipped)}`);
console.log(`same mesh without network faults:    ${await cellCpu(direct)}`);
