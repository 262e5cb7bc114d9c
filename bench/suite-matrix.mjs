// The shipped suite on all five protocols: wall time, and detect_ms / recovery_ms per cell with
// cells one at a time (--workers 1) and two at a time (--workers 2), to show whether parallel cells
// distort the timings on this machine.
// Usage: node bench/suite-matrix.mjs [workers...]   (default: 1 2; after npm run build)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const files = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.storm.yaml'))
  .map((f) => join(root, 'scenarios', f));
const runs = {};
for (const workers of process.argv.slice(2).length ? process.argv.slice(2) : ['1', '2']) {
  const out = mkdtempSync(join(tmpdir(), 'storm-matrix-'));
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    [join(root, 'dist/src/cli/main.js'), 'test', ...files, '--workers', workers, '-o', out, '-r', 'json'],
    { stdio: 'ignore', env: { ...process.env, CI: 'true' } },
  );
  const wall = (performance.now() - t) / 1000;
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  const cells = results.suites.flatMap((s) => s.cells);
  const counts = cells.reduce((a, c) => ({ ...a, [c.status]: (a[c.status] ?? 0) + 1 }), {});
  console.log(`--workers ${workers}: ${wall.toFixed(1)} s wall, exit ${r.status}, ${JSON.stringify(counts)}`);
  runs[workers] = Object.fromEntries(cells.map((c) => [c.id, c.metrics]));
}
const keys = Object.keys(runs);
const fmt = (v) => (v === null || v === undefined ? '—' : Math.round(v).toString());
console.log(
  `\n${'cell'.padEnd(48)} ${keys.map((k) => `detect w${k}`.padStart(10)).join(' ')} ${keys.map((k) => `recov w${k}`.padStart(10)).join(' ')}`,
);
for (const id of Object.keys(runs[keys[0]])) {
  const short = id.replace(/^.*scenarios\//, '');
  console.log(
    `${short.padEnd(48)} ${keys.map((k) => fmt(runs[k][id]?.detect_ms).padStart(10)).join(' ')} ${keys.map((k) => fmt(runs[k][id]?.recovery_ms).padStart(10)).join(' ')}`,
  );
}
