// Scale: one cell of N agents (ring, echo, 10% killed at 5 s, 50 tasks/s, 10 s workload) for each N.
// Prints per size: time until every agent is ready, wall time, the runner's CPU time, the harness's worst
// lag (issue lag, runner loop delay), the machine's peak memory in use, and the verdict. Before each
// size it measures the floor under "all ready" on this machine, now: N bare `node` processes that say
// hello over IPC and stay up, started as many at a time as the runner starts agents.
// Usage: node bench/scale.mjs [sizes, default 100,250,500] [heartbeat interval, default 500ms] [protocol, default json]
//   (after npm run build; wants an idle machine). The heartbeat timeout is four intervals.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const sizes = (process.argv[2] ?? '100,250,500').split(',').map(Number);
const heartbeat = process.argv[3] ?? '500ms';
const protocol = process.argv[4] ?? 'json';
const heartbeatMs = Number.parseInt(heartbeat, 10) * (heartbeat.endsWith('ms') ? 1 : 1000);
const TICKS = 100; // USER_HZ on Linux: /proc/<pid>/stat counts CPU time in 1/100 s

const cpuSeconds = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS; // utime + stime
};
const memInUseMb = () => {
  const m = readFileSync('/proc/meminfo', 'utf8');
  const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(m)[1]);
  return (kb('MemTotal') - kb('MemAvailable')) / 1024;
};

function scenario(n) {
  return `name: Bench — ${n} agents in a ring, 10% killed
protocols: [${protocol}]
seed: ${n}
duration: 10s
warmup: 1s
heartbeat: { interval: ${heartbeat}, timeout: ${4 * heartbeatMs}ms }
topology: ring
tools:
  echo: { kind: echo }
agents:
  node: { count: ${n}, tool: echo, ready: 120s }
workload:
  rate: 50/s
  success: reply
  message_flow:
    - { from: client, to: node, message_type: ping }
faults:
  - { at: 5s, kill: 10%, of: node }
expect:
  - tasks_lost == 0
`;
}

/** Seconds until N bare node + IPC processes, started `startConcurrency()` at a time, are all up. */
async function bareFloor(n) {
  const { startConcurrency } = await import(join(root, 'dist/src/run/start-all.js'));
  const env = { PATH: process.env.PATH };
  const code = 'process.send(1); process.on("disconnect", () => process.exit(0))';
  const kids = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: startConcurrency() }, async () => {
      while (next++ < n) {
        const c = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env });
        kids.push(c);
        await new Promise((up) => c.once('message', up));
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(kids.map((c) => new Promise((gone) => (c.disconnect(), c.once('exit', gone)))));
  return seconds;
}

/** Seconds from the first agent's `agent_ready` to the n-th (the start-up alone, without the CLI's own). */
function bootSpan(cellsDir, n) {
  const [history] = readdirSync(cellsDir, { recursive: true }).filter((f) => String(f).endsWith('history.jsonl'));
  if (!history) return '—';
  const ready = readFileSync(join(cellsDir, String(history)), 'utf8')
    .split('\n')
    .filter((line) => line.includes('"agent_ready"'))
    .slice(0, n)
    .map((line) => JSON.parse(line).t);
  return ready.length < n ? '—' : `${((Math.max(...ready) - Math.min(...ready)) / 1000).toFixed(1)} s`;
}

async function runSize(n) {
  const floor = await bareFloor(n);
  const dir = mkdtempSync(join(tmpdir(), `storm-scale-${n}-`));
  const file = join(dir, `scale-${n}.storm.yaml`);
  writeFileSync(file, scenario(n));
  const baseMem = memInUseMb();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [join(root, 'dist/src/cli/main.js'), 'test', file, '-o', join(dir, 'out'), '-r', 'console,json'],
    {
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let readyAt = null;
  let cpuAtReady = null;
  let cpu = 0;
  let peakMem = baseMem;
  child.stdout.on('data', (chunk) => {
    if (readyAt === null && /running — \d+ agents up/.test(String(chunk))) {
      readyAt = performance.now() - started;
      cpuAtReady = cpuSeconds(child.pid);
    }
  });
  child.stderr.resume();
  const sampler = setInterval(() => {
    try {
      cpu = cpuSeconds(child.pid);
    } catch {
      /* exited between samples */
    }
    peakMem = Math.max(peakMem, memInUseMb());
  }, 200);
  const code = await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  const wall = performance.now() - started;
  const cell = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')).suites[0].cells[0];
  const h = cell.harness;
  const boots = bootSpan(join(dir, 'out', 'cells'), n);
  const lag = h
    ? `issue lag p99 ${h.issueLag.p99?.toFixed(0)} ms, max ${h.issueLag.max?.toFixed(0)} ms, runner loop max ${h.loopDelay.runner?.max?.toFixed(0) ?? '—'} ms`
    : 'no harness block';
  console.log(
    `${String(n).padStart(3)} ${protocol} agents (heartbeat ${heartbeat}): all ready ${readyAt === null ? '—' : `${(readyAt / 1000).toFixed(1)} s`} (first → last agent ready ${boots}; ${n} bare node: ${floor.toFixed(1)} s), wall ${(wall / 1000).toFixed(1)} s, runner CPU ≥ ${cpu.toFixed(1)} s (${cpuAtReady?.toFixed(1) ?? '—'} s of it by all ready), ${lag}, ` +
      `peak memory in use +${(peakMem - baseMem).toFixed(0)} MB, exit ${code}, ${cell.status}${cell.reason ? ` (${cell.reason.slice(0, 160)})` : ''}`,
  );
}

for (const n of sizes) await runSize(n);
