// --workers auto against --workers 1 on the shipped suite (scenarios/*.storm.yaml, json protocol):
// wall time, how many cells ran at once, and the verdict of every cell under both. The goal: the
// same verdicts, and less wall time when the machine has headroom (on 2 cores auto runs one cell
// at a time by design, so the times should match).
// Usage: node bench/workers-auto.mjs [protocol]   (default json; after npm run build)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const protocol = process.argv[2] ?? 'json';
const files = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.storm.yaml'))
  .map((f) => join(root, 'scenarios', f));
console.log(
  `${availableParallelism()} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; ${files.length} scenarios, protocol ${protocol}`,
);

const verdicts = {};
for (const workers of ['1', 'auto']) {
  const out = mkdtempSync(join(tmpdir(), 'storm-workers-'));
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'dist/src/cli/main.js'),
      'test',
      ...files,
      '-p',
      protocol,
      '--workers',
      workers,
      '-o',
      out,
      '-r',
      'json',
    ],
    { stdio: 'ignore', env: { ...process.env, CI: 'true' } },
  );
  const wall = (performance.now() - t) / 1000;
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  const cells = results.suites.flatMap((s) => s.cells);
  console.log(
    `--workers ${workers.padEnd(4)}: ${wall.toFixed(1)} s wall, exit ${r.status}, at most ${results.run.peakWorkers} cell(s) at once (ceiling ${results.run.workers}), load after ${loadavg()[0].toFixed(2)}`,
  );
  verdicts[workers] = Object.fromEntries(
    cells.map((c) => [
      c.id.replace(/^.*scenarios\//, ''),
      `${c.status}${c.status === 'passed' ? '' : ` (${(c.reason ?? '').slice(0, 60)})`}`,
    ]),
  );
}
console.log(`\n${'cell'.padEnd(36)} ${'--workers 1'.padEnd(50)} --workers auto`);
let same = 0;
const ids = Object.keys(verdicts['1']);
for (const id of ids) {
  const a = verdicts['1'][id];
  const b = verdicts.auto[id] ?? '(missing)';
  if (a.split(' ')[0] === b.split(' ')[0]) same++;
  console.log(`${id.padEnd(36)} ${a.padEnd(50)} ${b}`);
}
console.log(`\nsame verdict in ${same} of ${ids.length} cells`);
