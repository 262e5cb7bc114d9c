// Runner CPU and agent RSS during an 8-agent cell (the shipped fail-storm on json): samples the
// runner's /proc/<pid>/stat and every agent's VmRSS while the cell runs.
// Usage: node bench/runner-cpu.mjs   (after npm run build)
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'storm-bench-'));
const tick = 100; // USER_HZ on Linux
const cpuMs = (pid) => {
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / tick;
};
const agents = () =>
  readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/environ`, 'utf8').includes(`STORM_WORKSPACE=${out}`);
      } catch {
        return false;
      }
    });
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

const child = spawn(
  process.execPath,
  [
    join(root, 'dist/src/cli/main.js'),
    'test',
    join(root, 'scenarios/fail-storm.storm.yaml'),
    '-p',
    'json',
    '-o',
    out,
    '-r',
    'json',
  ],
  { stdio: 'ignore', env: { ...process.env, CI: 'true' } },
);
let first = null;
let last = null;
let maxRss = 0;
const rss = [];
const timer = setInterval(() => {
  try {
    const a = agents();
    if (a.length < 8) return;
    const now = { t: performance.now(), cpu: cpuMs(child.pid) };
    first ??= now;
    last = now;
    for (const p of a) {
      try {
        const r = rssMb(p);
        rss.push(r);
        maxRss = Math.max(maxRss, r);
      } catch {}
    }
  } catch {}
}, 250);
child.on('exit', () => {
  clearInterval(timer);
  const pct = ((last.cpu - first.cpu) / (last.t - first.t)) * 100;
  rss.sort((a, b) => a - b);
  console.log(
    `runner CPU while 8 agents ran: ${pct.toFixed(1)}% of one core over ${((last.t - first.t) / 1000).toFixed(1)} s`,
  );
  console.log(`agent RSS: median ${rss[Math.floor(rss.length / 2)].toFixed(1)} MB, max ${maxRss.toFixed(1)} MB`);
});
