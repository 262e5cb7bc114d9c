#!/usr/bin/env node
// Startup cost of the CLI: `storm --help` and `storm validate` on 10 copies of a valid scenario,
// median of 10 runs each (wall clock, including node's own start). Prints numbers; asserts nothing.
// Usage: node bench/cli-startup.mjs   (after npx tsc -p tsconfig.json)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/src/cli/main.js');
const RUNS = 10;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function time(args, cwd) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) throw new Error(`storm ${args.join(' ')} exited ${r.status}: ${r.stdout}${r.stderr}`);
  }
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples) };
}

const dir = mkdtempSync(join(tmpdir(), 'storm-bench-'));
try {
  for (let i = 0; i < 10; i++)
    copyFileSync(join(root, 'test/fixtures/valid/echo-basic/echo.storm.yaml'), join(dir, `copy${i}.storm.yaml`));
  const rows = [
    [
      'node -e 0 (baseline)',
      (() => {
        const s = [];
        for (let i = 0; i < RUNS; i++) {
          const t0 = process.hrtime.bigint();
          spawnSync(process.execPath, ['-e', '0']);
          s.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
        return { median: median(s), min: Math.min(...s), max: Math.max(...s) };
      })(),
    ],
    ['storm --help', time(['--help'], dir)],
    ['storm validate (10 files)', time(['validate', '.'], dir)],
  ];
  for (const [name, t] of rows) {
    console.log(
      `${name.padEnd(28)} median ${t.median.toFixed(0).padStart(5)} ms   min ${t.min.toFixed(0).padStart(5)} ms   max ${t.max.toFixed(0).padStart(5)} ms   (${RUNS} runs)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
