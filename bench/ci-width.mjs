// How many repeats a given precision needs: the width of the 95% interval of the median of
// recovery_ms and detect_ms on the fail-storm json cell, as a function of the number of runs n.
// One run of N repeats (default 20) is subsampled: for each n, the median width over 500 random
// subsets of n runs (without replacement), and the width of the first n runs.
// Usage: node bench/ci-width.mjs [N]                  run storm with --repeat N (after npm run build)
//        node bench/ci-width.mjs --from results.json  reuse a stored run (e.g. of --repeat 20)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { spreadOf } = await import(join(root, 'dist/src/stats/spread.js'));
const { seededRandom } = await import(join(root, 'dist/src/plan/random.js'));

let resultsFile;
const fromAt = process.argv.indexOf('--from');
if (fromAt > 0) {
  resultsFile = process.argv[fromAt + 1];
} else {
  const repeats = Number(process.argv[2] ?? 20);
  const out = mkdtempSync(join(tmpdir(), 'storm-ciwidth-'));
  const t = performance.now();
  const args = [
    'test',
    join(root, 'scenarios/fail-storm.storm.yaml'),
    '-p',
    'json',
    '--repeat',
    String(repeats),
    '-o',
    out,
    '-r',
    'json',
  ];
  const r = spawnSync(process.execPath, [join(root, 'dist/src/cli/main.js'), ...args], {
    stdio: 'ignore',
    env: { ...process.env, CI: 'true' },
  });
  console.log(
    `storm ${args.slice(0, 6).join(' ')} … : ${((performance.now() - t) / 1000).toFixed(0)} s wall, exit ${r.status}, output ${out}`,
  );
  resultsFile = join(out, 'results.json');
}

const doc = JSON.parse(readFileSync(resultsFile, 'utf8'));
const cells = doc.suites
  .flatMap((s) => s.cells)
  .filter((c) => c.protocol === 'json' && (c.status === 'passed' || c.status === 'failed') && c.metrics);
const statuses = doc.suites
  .flatMap((s) => s.cells)
  .reduce((a, c) => ({ ...a, [c.status]: (a[c.status] ?? 0) + 1 }), {});
console.log(`${cells.length} judged json runs (${JSON.stringify(statuses)})`);

const random = seededRandom(7);
function sample(xs, n) {
  const pool = [...xs];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}
const width = (values) => {
  const s = spreadOf(values);
  return s.ci ? s.ci.hi - s.ci.lo : null;
};
const medianOf = (xs) => {
  const s = xs.filter((x) => x !== null).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};

const ms = (x) => (x === null || x === undefined ? '—' : String(Math.round(x)));
for (const metric of ['recovery_ms', 'detect_ms']) {
  const values = cells.map((c) => c.metrics[metric]);
  const all = spreadOf(values);
  console.log(
    `\n${metric}: all ${values.length} runs: median ${ms(all.median)}, min ${ms(all.min)}, max ${ms(all.max)}, nulls ${all.nulls}, 95% CI ${all.ci ? `[${ms(all.ci.lo)}, ${ms(all.ci.hi)}] (ranks ${all.ci.loRank}..${all.ci.hiRank}, coverage ${(all.ci.coverage * 100).toFixed(1)}%)` : all.noInterval}`,
  );
  console.log(`  values in run order: ${values.map(ms).join(' ')}`);
  console.log('     n  ranks   coverage  CI width (median of 500 subsets)  CI width (first n runs)');
  for (let n = 6; n <= values.length; n++) {
    const s = spreadOf(values.slice(0, n));
    const widths = Array.from({ length: 500 }, () => width(sample(values, n)));
    const ranks = s.ci ? `${s.ci.loRank}..${s.ci.hiRank}` : '—';
    const cov = s.ci ? `${(s.ci.coverage * 100).toFixed(1)}%` : '—';
    console.log(
      `  ${String(n).padStart(4)}  ${ranks.padEnd(6)}  ${cov.padStart(8)}  ${ms(medianOf(widths)).padStart(32)}  ${ms(width(values.slice(0, n))).padStart(23)}`,
    );
  }
}
