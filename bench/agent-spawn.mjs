// Spawn → ready latency of the built-in agent (target p50 ≤ 150 ms): 20 sequential spawns,
// measured from the spawn() call to the `ready` IPC message. Usage: node bench/agent-spawn.mjs [n]
import { config, fmt, freePort, kill, pct, spawnAgent, spawnBare } from './agent-lib.mjs';

const n = Number(process.argv[2] ?? 20);
const tools = [
  ['echo', { name: 'echo', kind: 'echo' }, undefined],
  [
    'shard_lookup',
    { name: 'lookup', kind: 'shard_lookup', ttl: 4 },
    new URL('../data/hotpotqa/shard0.jsonl', import.meta.url).pathname,
  ],
];
// The floor: node itself starting and saying hello over IPC, on this machine, now.
const bare = [];
for (let i = 0; i < n; i++) bare.push(await spawnBare());
console.log(`agent-spawn baseline (bare node -e + IPC): p50=${fmt(pct(bare, 50))} ms p95=${fmt(pct(bare, 95))} ms`);
for (const [label, tool, dataFile] of tools) {
  const ms = [];
  for (let i = 0; i < n; i++) {
    const a = await spawnAgent(config(`w-${i}`, await freePort(), { tool, dataFile }));
    ms.push(a.ms);
    kill(a.pid);
  }
  console.log(
    `agent-spawn json/${label}: n=${n} p50=${fmt(pct(ms, 50))} ms p95=${fmt(pct(ms, 95))} ms min=${fmt(Math.min(...ms))} ms max=${fmt(Math.max(...ms))} ms (target p50 <= 150 ms)`,
  );
}

// What the runner would pay if it passed its whole environment through (this machine sets
// NODE_EXTRA_CA_CERTS, which Node parses at every boot).
if (process.env.NODE_EXTRA_CA_CERTS) {
  const ms = [];
  for (let i = 0; i < Math.min(n, 10); i++) {
    const a = await spawnAgent(config(`w-${i}`, await freePort()), [], { inheritEnv: true });
    ms.push(a.ms);
    kill(a.pid);
  }
  console.log(
    `agent-spawn json/echo with NODE_EXTRA_CA_CERTS inherited: n=${ms.length} p50=${fmt(pct(ms, 50))} ms p95=${fmt(pct(ms, 95))} ms`,
  );
}
