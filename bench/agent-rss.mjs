// Resident memory of a built-in agent (target <= 60 MB): idle, then while serving sequential
// round trips and heartbeating 7 peers (an 8-agent mesh), from /proc/<pid>/status VmRSS.
// Usage: node bench/agent-rss.mjs [seconds of load, default 3]
import { readFileSync } from 'node:fs';
import { config, freePort, killAll, spawnAgent } from './agent-lib.mjs';

const { jsonProtocol } = await import('../dist/src/protocols/json/index.js');
const seconds = Number(process.argv[2] ?? 3);
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

const ports = [];
for (let i = 0; i < 8; i++) ports.push(await freePort());
const peers = ports.map((p, i) => ({ id: `worker-${i}`, url: `http://127.0.0.1:${p}`, group: 'worker' }));
const data = (i) => new URL(`../data/hotpotqa/shard${i}.jsonl`, import.meta.url).pathname;
const agents = await Promise.all(ports.map((port, i) => spawnAgent(config(`worker-${i}`, port, {
  tool: { name: 'lookup', kind: 'shard_lookup', ttl: 4 }, dataFile: data(i), peers: peers.filter((_, j) => j !== i),
}))));
await new Promise((r) => setTimeout(r, 1000));
const target = agents[0];
const idle = rssMb(target.pid);

// Load: questions of worker-0's shard, most of which need a lookup across the mesh.
const questions = readFileSync(data(0), 'utf8').trim().split('\n').map((l) => JSON.parse(l).question);
const conn = jsonProtocol.connect({ id: 'worker-0', url: target.url }, { self: 'client' });
let peak = idle;
let n = 0;
const end = performance.now() + seconds * 1000;
const sampler = setInterval(() => (peak = Math.max(peak, rssMb(target.pid))), 50);
while (performance.now() < end) {
  await Promise.all(Array.from({ length: 8 }, (_, k) => conn.send({ id: `m${n}.${k}`, task_id: `t${n}.${k}`, step: 0, from: 'client', type: 'q', content: questions[(n * 8 + k) % questions.length], ttl: 4 }, 5000)));
  n++;
}
clearInterval(sampler);
peak = Math.max(peak, rssMb(target.pid));
console.log(`agent-rss json/shard_lookup: idle=${idle.toFixed(1)} MB under-load peak=${peak.toFixed(1)} MB (${n * 8} tasks, 8 in flight, 7 peers heartbeating) (target <= 60 MB)`);
conn.close();
killAll();
