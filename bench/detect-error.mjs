// Harness error of failure detection: for hung (SIGSTOP) and killed (SIGKILL) agents, how far past
// the configured heartbeat timeout the detectors declared them dead. Runs the real CLI.
// Usage: node bench/detect-error.mjs   (after npm run build)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const timeoutMs = 500;

function run(file) {
  const out = mkdtempSync(join(tmpdir(), 'storm-bench-'));
  spawnSync(
    process.execPath,
    [join(root, 'dist/src/cli/main.js'), 'test', join(root, 'bench/scenarios', file), '-o', out, '-r', 'json'],
    { stdio: 'ignore', env: { ...process.env, CI: 'true' } },
  );
  const cell = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).suites[0].cells[0];
  return cell.metrics.faults.map((f) => f.detect_ms).filter((d) => d !== null);
}

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
for (const [label, file] of [
  ['SIGSTOP (silence)', 'detect-sigstop.storm.yaml'],
  ['SIGKILL (refused)', 'detect-sigkill.storm.yaml'],
]) {
  const d = run(file);
  const err = d.map((x) => x - timeoutMs);
  console.log(
    `${label}: ${d.length} faults, detect_ms p50 ${pct(d, 50).toFixed(1)} p95 ${pct(d, 95).toFixed(1)} max ${Math.max(...d).toFixed(1)}; ` +
      `minus timeout ${timeoutMs} ms: p95 ${pct(err, 95).toFixed(1)} ms, max ${Math.max(...err).toFixed(1)} ms`,
  );
}
