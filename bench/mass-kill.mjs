// What a mass kill costs the machine, without the runner: start `total` idle built-in agents, SIGKILL
// `n` of them at once, and print how long the kill calls took, when the last exit was seen, and the
// worst delay of this process's own event loop (a 5 ms timer) meanwhile, and of an unrelated process's
// (no parent of any agent: what the kernel's teardown costs everyone, not the exits' parent alone). A
// fail-storm cell's runner lives through the same. With NICE set, agents are started under `nice -n $NICE` (every thread).
// Usage: node bench/mass-kill.mjs [n, default 50] [total, default 2n]   (after npm run build)
import { spawn } from 'node:child_process';
import { AGENT_NODE_FLAGS, agentBundle, config, freePort } from './agent-lib.mjs';

const n = Number(process.argv[2] ?? 50);
const total = Number(process.argv[3] ?? 2 * n);
const nice = process.env.NICE;

/** A bystander: measures its own loop delay (5 ms timer) between 'reset' and 'report'. */
const BYSTANDER = `let worst = 0, last = performance.now();
setInterval(() => { const t = performance.now(); worst = Math.max(worst, t - last - 5); last = t; }, 5);
process.on('message', (m) => {
  if (m === 'reset') (worst = 0), (last = performance.now());
  process.send(worst);
});
process.send('up');`;

const agents = [];
const bystander = spawn(process.execPath, ['-e', BYSTANDER], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
try {
  await new Promise((up) => bystander.once('message', up));
  for (let i = 0; i < total; i++) {
    const cfg = config(`w-${i}`, await freePort());
    const node = [process.execPath, ...AGENT_NODE_FLAGS, agentBundle('json')];
    const [file, ...args] = nice ? ['nice', '-n', nice, ...node] : node;
    const child = spawn(file, args, {
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { PATH: process.env.PATH, STORM_AGENT_CONFIG: JSON.stringify(cfg) },
    });
    agents.push(child);
    await new Promise((up, fail) => {
      const timer = setTimeout(() => fail(new Error(`agent ${i} not ready in 10 s`)), 10_000);
      child.on('message', (m) => m.type === 'ready' && (clearTimeout(timer), up()));
    });
  }
  await new Promise((r) => setTimeout(r, 1000));

  let worstLag = 0;
  let last = performance.now();
  const lag = setInterval(() => {
    const now = performance.now();
    worstLag = Math.max(worstLag, now - last - 5);
    last = now;
  }, 5);
  bystander.send('reset');
  await new Promise((r) => bystander.once('message', r)); // it is measuring from here on
  const t0 = performance.now();
  const victims = agents.slice(0, n);
  const exits = victims.map((c) => new Promise((gone) => c.once('exit', () => gone(performance.now() - t0))));
  for (const c of victims) process.kill(-c.pid, 'SIGKILL');
  const killCalls = performance.now() - t0;
  const seen = (await Promise.all(exits)).sort((a, b) => a - b);
  clearInterval(lag);
  bystander.send('report');
  const bystanderLag = await new Promise((r) => bystander.once('message', r));
  console.log(
    `mass-kill ${n} of ${total} idle agents${nice ? ` (nice ${nice})` : ''}: kill calls ${killCalls.toFixed(1)} ms, ` +
      `last exit seen after ${seen[seen.length - 1].toFixed(0)} ms (median ${seen[Math.floor(n / 2)].toFixed(0)} ms), ` +
      `this process's loop delayed up to ${worstLag.toFixed(0)} ms, an unrelated process's up to ${bystanderLag.toFixed(0)} ms`,
  );
} finally {
  bystander.kill('SIGKILL');
  for (const c of agents) {
    try {
      process.kill(-c.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
