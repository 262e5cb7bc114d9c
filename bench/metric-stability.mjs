// Metric stability under the same seed (issue 7): runs a shipped scenario N times on one protocol with
// the same seed and prints every run's verdict and recovery_ms with what explains it in the history —
// the victims' restart readiness and the last failed task after the fault — then the verdict flips and
// the coefficient of variation of recovery_ms.
// Usage: node bench/metric-stability.mjs [runs=20] [protocol=json] [scenario files…]   (after npm run build)
// Default scenarios: scenarios/cyclic-storm.storm.yaml and scenarios/fail-storm.storm.yaml.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [runsArg, protocolArg, ...fileArgs] = process.argv.slice(2);
const runs = Number(runsArg ?? 20);
const protocol = protocolArg ?? 'json';
const files = fileArgs.length ? fileArgs : ['scenarios/cyclic-storm.storm.yaml', 'scenarios/fail-storm.storm.yaml'];

const fmt = (v, d = 0) => (v === null || v === undefined ? '—' : Number(v).toFixed(d));

/** What in the history explains a fault's recovery_ms: restart readiness and the last failure after T. */
function explain(cell, f) {
  const h = cell.history;
  const T = f.t;
  const next = cell.metrics.faults.find((g) => g.t > T)?.t ?? Infinity;
  const issued = new Map(h.filter((e) => e.type === 'task_issued').map((e) => [e.task, e.t]));
  const failedAfter = h
    .filter((e) => e.type === 'task_end' && e.outcome !== 'ok')
    .map((e) => issued.get(e.task))
    .filter((t) => t !== undefined && t >= T && t < next);
  const lastFail = failedAfter.length ? Math.max(...failedAfter) - T : null;
  const ready = h
    .filter((e) => e.type === 'agent_ready' && e.t > T && e.t < next && f.victims.includes(e.agent))
    .map((e) => e.t - T);
  return { failed: failedAfter.length, lastFail, ready: ready.length ? Math.max(...ready) : null };
}

for (const file of files) {
  console.log(`\n${file} on ${protocol}, ${runs} runs, same seed`);
  console.log(
    `${'run'.padStart(3)}  ${'status'.padEnd(12)} ${'recovery'.padStart(8)} ${'res'.padStart(5)}  per fault: recovery_ms (failed tasks, last failure after T, victims ready after T)`,
  );
  const verdicts = [];
  const recoveries = [];
  const wall = [];
  for (let i = 0; i < runs; i++) {
    const out = mkdtempSync(join(tmpdir(), 'storm-stability-'));
    const t = performance.now();
    spawnSync(
      process.execPath,
      [join(root, 'dist/src/cli/main.js'), 'test', join(root, file), '-p', protocol, '-o', out, '-r', 'json'],
      {
        stdio: 'ignore',
        env: { ...process.env, CI: 'true' },
      },
    );
    wall.push((performance.now() - t) / 1000);
    let cell;
    try {
      const suite = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).suites[0];
      cell = { ...suite.cells[0], scenario: suite.scenario };
      const hist = readFileSync(join(out, cell.files.history), 'utf8');
      cell.history = hist
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
    } catch (err) {
      console.log(`${String(i + 1).padStart(3)}  no results (${err.message})`);
      rmSync(out, { recursive: true, force: true });
      continue;
    }
    rmSync(out, { recursive: true, force: true });
    const m = cell.metrics;
    const assertionVerdict = cell.assertions.map((a) => (a.pass ? 'P' : 'F')).join('');
    verdicts.push(`${cell.status}:${assertionVerdict}`);
    if (m?.recovery_ms !== null && m?.recovery_ms !== undefined) recoveries.push(m.recovery_ms);
    const perFault = (m?.faults ?? []).map((f) => {
      const e = explain(cell, f);
      return `${fmt(f.recovery_ms)} (${e.failed} failed, last +${fmt(e.lastFail)}, ready +${fmt(e.ready)})`;
    });
    const why = cell.status === 'passed' ? '' : ` ${cell.reason ?? ''}`.slice(0, 120);
    console.log(
      `${String(i + 1).padStart(3)}  ${cell.status.padEnd(12)} ${fmt(m?.recovery_ms).padStart(8)} ${fmt(m?.resolution_ms).padStart(5)}  ${perFault.join(' · ')}${why}`,
    );
  }
  const distinct = new Set(verdicts);
  const mean = recoveries.reduce((s, v) => s + v, 0) / (recoveries.length || 1);
  const sd = Math.sqrt(recoveries.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, recoveries.length - 1));
  const flips = verdicts.length - Math.max(...[...distinct].map((v) => verdicts.filter((x) => x === v).length));
  console.log(`verdicts: ${[...distinct].map((v) => `${v} ×${verdicts.filter((x) => x === v).length}`).join(', ')}`);
  console.log(`verdict flips (runs that differ from the most common verdict): ${flips}`);
  console.log(
    `recovery_ms: mean ${fmt(mean)}, sd ${fmt(sd, 1)}, CV ${fmt(mean ? (100 * sd) / mean : 0, 1)}% over ${recoveries.length} runs; values ${[...new Set(recoveries)].sort((a, b) => a - b).join(', ')}`,
  );
  console.log(`wall time per run: ${fmt(Math.min(...wall), 1)}–${fmt(Math.max(...wall), 1)} s`);
}
