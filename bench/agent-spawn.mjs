// Spawn → ready latency of the built-in agent against a bare `node` + IPC process on the same machine
// (issue target: p50 ≤ 1.3 × bare), measured from the spawn() call to the `ready` IPC message.
// Every round spawns each variant once, in turn, so a change in machine load hits them all alike.
// Variants: each protocol's bundle (what the runner starts), the json agent from tsc's modules (the
// fallback without a bundle), and json with a shard_lookup tool. Usage: node bench/agent-spawn.mjs [n]
import { AGENT_MAIN, config, fmt, freePort, kill, pct, spawnAgent, spawnBare } from './agent-lib.mjs';

const n = Number(process.argv[2] ?? 20);
const shard = new URL('../data/hotpotqa/shard0.jsonl', import.meta.url).pathname;
const variants = [
  ['json/echo', { protocol: 'json' }],
  ['json/echo, modules', { protocol: 'json' }, { script: AGENT_MAIN }],
  ['json/shard_lookup', { protocol: 'json', tool: { name: 'lookup', kind: 'shard_lookup', ttl: 4 }, dataFile: shard }],
  ['a2a/echo', { protocol: 'a2a' }],
  ['acp/echo', { protocol: 'acp' }],
  ['anp/echo', { protocol: 'anp' }],
  ['agora/echo', { protocol: 'agora' }],
];

const bare = [];
const ms = variants.map(() => []);
const warm = variants.map(() => []);
for (let i = 0; i < n; i++) {
  bare.push(await spawnBare());
  for (const [v, [, over, opts]] of variants.entries()) {
    const a = await spawnAgent(config(`w-${i}`, await freePort(), over), [], opts);
    ms[v].push(a.ms);
    warm[v].push(a.warmUpMs);
    kill(a.pid);
  }
}
const base = pct(bare, 50);
console.log(`agent-spawn baseline (bare node -e + IPC): n=${n} p50=${fmt(base)} ms p95=${fmt(pct(bare, 95))} ms`);
for (const [v, [label]] of variants.entries()) {
  const p50 = pct(ms[v], 50);
  console.log(
    `agent-spawn ${label}: p50=${fmt(p50)} ms (${(p50 / base).toFixed(2)} × bare) p95=${fmt(pct(ms[v], 95))} ms min=${fmt(Math.min(...ms[v]))} ms`,
  );
  // spawn → listening is ready minus the warm-up; per-spawn differences, so the p50 is not a sum of p50s
  const listening = pct(
    ms[v].map((x, i) => x - warm[v][i]),
    50,
  );
  console.log(
    `  of which warm-up (listening → ready) p50=${fmt(pct(warm[v], 50))} ms; spawn → listening p50=${fmt(listening)} ms (${(listening / base).toFixed(2)} × bare)`,
  );
}

// What the runner would pay if it passed its whole environment through (this machine sets
// NODE_EXTRA_CA_CERTS, which Node parses at every boot).
if (process.env.NODE_EXTRA_CA_CERTS) {
  const inherited = [];
  for (let i = 0; i < Math.min(n, 10); i++) {
    const a = await spawnAgent(config(`w-${i}`, await freePort()), [], { inheritEnv: true });
    inherited.push(a.ms);
    kill(a.pid);
  }
  console.log(
    `agent-spawn json/echo with NODE_EXTRA_CA_CERTS inherited: n=${inherited.length} p50=${fmt(pct(inherited, 50))} ms p95=${fmt(pct(inherited, 95))} ms`,
  );
}
