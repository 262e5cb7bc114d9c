// Resident memory of a built-in agent (target <= 60 MB): idle, at 50 tasks/s, and saturated, while serving
// tasks and heartbeating 7 peers (an 8-agent mesh), from /proc/<pid>/status VmRSS (sampled every 20 ms).
// Runs twice: with the runner's node flags (AGENT_NODE_FLAGS), and with `--max-semi-space-size=2` added
// (the young generation is what grows under load; that flag only works on the command line).
// Usage: node bench/agent-rss.mjs [seconds of load, default 3]
import { readFileSync } from 'node:fs';
import { config, freePort, killAll, spawnAgent } from './agent-lib.mjs';

const { jsonProtocol } = await import('../dist/src/protocols/json/index.js');
const seconds = Number(process.argv[2] ?? 3);
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
/**
 * RSS counts every shared page (node's binary, libraries) in full in each process; what N agents really
 * cost is closer to PSS (shared pages split among their users) and USS (pages only this process has).
 */
function privateMb(pid) {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { pss: kb('Pss') / 1024, uss: (kb('Private_Clean') + kb('Private_Dirty')) / 1024 };
}

async function run(nodeArgs) {
  const ports = [];
  for (let i = 0; i < 8; i++) ports.push(await freePort());
  const peers = ports.map((p, i) => ({ id: `worker-${i}`, url: `http://127.0.0.1:${p}`, group: 'worker' }));
  const data = (i) => new URL(`../data/hotpotqa/shard${i}.jsonl`, import.meta.url).pathname;
  const agents = await Promise.all(
    ports.map((port, i) =>
      spawnAgent(
        config(`worker-${i}`, port, {
          tool: { name: 'lookup', kind: 'shard_lookup', ttl: 4 },
          dataFile: data(i),
          peers: peers.filter((_, j) => j !== i),
        }),
        nodeArgs,
      ),
    ),
  );
  await new Promise((r) => setTimeout(r, 1000));
  const target = agents[0];
  const idle = rssMb(target.pid);
  const idlePrivate = privateMb(target.pid);

  // Load: questions of worker-0's shard, most of which need a lookup across the mesh.
  const questions = readFileSync(data(0), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).question);
  const conn = jsonProtocol.connect({ id: 'worker-0', url: target.url }, { self: 'client' });
  let n = 0;
  const ask = () => {
    n++;
    return conn.send(
      {
        id: `m${n}`,
        task_id: `t${n}`,
        step: 0,
        from: 'client',
        type: 'q',
        content: questions[n % questions.length],
        ttl: 4,
      },
      5000,
    );
  };
  /** Peak RSS while `drive` runs for `seconds`. */
  const peakDuring = async (drive) => {
    let peak = rssMb(target.pid);
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(target.pid))), 20);
    const end = performance.now() + seconds * 1000;
    const before = n;
    await drive(end);
    clearInterval(sampler);
    return { peak: Math.max(peak, rssMb(target.pid)), tasks: n - before };
  };
  // A scenario-like load: 50 tasks/s (the fail-storm example drives 20/s across 8 agents).
  const paced = await peakDuring(async (end) => {
    const pending = [];
    while (performance.now() < end) {
      pending.push(ask());
      await new Promise((r) => setTimeout(r, 20));
    }
    await Promise.all(pending);
  });
  // Saturation: 8 tasks in flight at all times.
  const saturated = await peakDuring(async (end) => {
    const worker = async () => {
      while (performance.now() < end) await ask();
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  });
  const args = ['(runner flags)', ...nodeArgs].join(' ');
  console.log(
    `agent-rss json/shard_lookup ${args}: idle=${idle.toFixed(1)} MB (PSS ${idlePrivate.pss.toFixed(1)} MB, USS ${idlePrivate.uss.toFixed(1)} MB), 50 tasks/s peak=${paced.peak.toFixed(1)} MB, saturated (8 in flight, ${Math.round(saturated.tasks / seconds)} tasks/s) peak=${saturated.peak.toFixed(1)} MB (target <= 60 MB)`,
  );
  conn.close();
  killAll();
}

await run([]);
await run(['--max-semi-space-size=2']);
