// Does storm notice when the machine, not the system under test, is the problem? Runs the shipped
// suite (scenarios/*.storm.yaml) on one protocol once on the idle machine and once under a CPU hog
// saturating every core (bench/cpu-hog.mjs), and prints per cell: status, reason, issue lag p99/max,
// loop delay max (runner, worst agent), tasks dropped late / issued after the end.
// The goal (issue 8): under the hog only `passed` or `inconclusive: harness overloaded` — no failed
// cell, no pass with a task issued after the end; idle, no inconclusive cell. Numbers, not a test.
// Usage: node bench/harness-under-load.mjs [--protocol json] [--only idle|hog] [--threads n]   (after npm run build)
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const protocol = arg('protocol', 'json');
const modes = arg('only') ? [arg('only')] : ['idle', 'hog'];
const threads = Number(arg('threads', availableParallelism()));
const files = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.storm.yaml'))
  .map((f) => join(root, 'scenarios', f));
/** Bound on one suite run: it must never hang the benchmark. */
const SUITE_TIMEOUT_MS = 30 * 60_000;

function runSuite() {
  const out = mkdtempSync(join(tmpdir(), 'storm-load-'));
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    [join(root, 'dist/src/cli/main.js'), 'test', ...files, '--protocol', protocol, '-o', out, '-r', 'json'],
    {
      stdio: 'ignore',
      env: { ...process.env, CI: 'true' },
      timeout: SUITE_TIMEOUT_MS,
    },
  );
  const wall = (performance.now() - t) / 1000;
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  return {
    wall,
    exit: r.status,
    out,
    cells: results.suites.flatMap((s) => s.cells.map((c) => ({ ...c, scenario: s.scenario ?? s.file }))),
  };
}

/** Start the hog in its own process (it dies with this one: IPC disconnect), wait until it spins. */
async function startHog() {
  const hog = fork(join(root, 'bench/cpu-hog.mjs'), [String(threads), String(SUITE_TIMEOUT_MS / 1000)], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('cpu-hog did not start within 10 s')), 10_000);
    hog.stdout.once('data', (d) => (clearTimeout(timer), process.stdout.write(String(d)), resolve()));
  });
  await new Promise((r) => setTimeout(r, 2000)); // let the load settle in
  return hog;
}

async function stopHog(hog) {
  const exited = new Promise((r) => hog.once('exit', r));
  hog.kill('SIGTERM');
  const timer = setTimeout(() => hog.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

const ms = (v) => (v === null || v === undefined ? '—' : v >= 10 ? String(Math.round(v)) : v.toFixed(1));
const firstLine = (s) => (s ?? '').split('\n')[0];

function report(mode, run) {
  console.log(
    `\n== ${mode}: ${run.wall.toFixed(1)} s wall, exit ${run.exit}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `${'cell'.padEnd(44)} ${'status'.padEnd(12)} ${'lag p99'.padStart(7)} ${'lag max'.padStart(7)} ${'runner'.padStart(7)} ${'agent'.padStart(7)} ${'late'.padStart(4)} ${'after'.padStart(5)}  reason`,
  );
  for (const c of run.cells) {
    const h = c.harness;
    const name = `${c.scenario.slice(0, 34)} [${c.protocol}]`;
    const cols = h
      ? [
          ms(h.issueLag.p99),
          ms(h.issueLag.max),
          ms(h.loopDelay.runner?.max),
          ms(h.loopDelay.worstAgent?.max),
          String(h.tasksSkippedLate),
          String(h.tasksAfterEnd),
        ]
      : ['—', '—', '—', '—', '—', '—'];
    const widths = [7, 7, 7, 7, 4, 5];
    console.log(
      `${name.padEnd(44)} ${c.status.padEnd(12)} ${cols.map((v, i) => v.padStart(widths[i])).join(' ')}  ${firstLine(c.reason)}`,
    );
  }
  const judged = run.cells.filter((c) => c.status !== 'skipped');
  const count = (pred) => judged.filter(pred).length;
  const overloaded = count((c) => c.status === 'inconclusive' && /^harness overloaded/.test(c.reason ?? ''));
  const otherInconclusive = count((c) => c.status === 'inconclusive') - overloaded;
  const failed = count((c) => c.status === 'failed');
  const passedAfterEnd = count((c) => c.status === 'passed' && c.harness?.tasksAfterEnd > 0);
  const passedDropped = count((c) => c.status === 'passed' && c.harness?.tasksSkippedLate > 0);
  console.log(
    `   passed ${count((c) => c.status === 'passed')}, failed ${failed}, inconclusive: harness overloaded ${overloaded}, other inconclusive ${otherInconclusive}`,
  );
  console.log(
    `   passes with a task issued after the end: ${passedAfterEnd}; passes with late tasks dropped (within bounds): ${passedDropped}`,
  );
  if (mode === 'hog')
    console.log(
      `   goal (no failed, no pass with a task after the end): ${failed === 0 && passedAfterEnd === 0 ? 'met' : 'NOT met'}`,
    );
  else console.log(`   goal (no inconclusive when idle): ${overloaded + otherInconclusive === 0 ? 'met' : 'NOT met'}`);
  console.log(`   reports: ${run.out}`);
}

console.log(
  `shipped suite (${files.length} files) on ${protocol}; hog: ${threads} threads; ${availableParallelism()} cores`,
);
for (const mode of modes) {
  if (mode === 'idle') {
    report('idle', runSuite());
    continue;
  }
  const hog = await startHog();
  try {
    report('hog', runSuite());
  } finally {
    await stopHog(hog);
  }
}
