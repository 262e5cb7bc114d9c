#!/usr/bin/env node
// The long fuzz run of issue 9: 10,000 mutated scenario files (bench/fuzz/scenario-mutations.ts)
// through the loader in worker threads, each file under a hard time limit, plus a sample through the
// real CLI. Prints counts — crashes, hangs, slow files, issues outside the file, warnings — and the
// time per file. Failing cases are saved for replay. Needs a build (npm run build).
//
//   node bench/fuzz-scenarios.mjs [--runs 10000] [--seed 1] [--workers 2] [--cli 50] [--out dir]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
/** A file slower than this breaks the "under 2 s per file" promise. */
const SLOW_MS = 2000;
/** A file still running after this is a hang: its worker is terminated. */
const HANG_MS = 10_000;

if (!isMainThread) {
  // Worker: load each file it is sent, report the time, the issues and whatever was printed.
  const { loadScenarioText } = await import(join(DIST, 'src/scenario/index.js'));
  const printed = [];
  process.emitWarning = (w) => printed.push(String(w));
  console.warn = (...a) => printed.push(a.join(' '));
  console.error = (...a) => printed.push(a.join(' '));
  parentPort.on('message', ({ id, file, text }) => {
    printed.length = 0;
    const started = performance.now();
    try {
      const r = loadScenarioText(file, text);
      const issues = r.issues.map(({ line, col, code, message }) => ({ line, col, code, message }));
      parentPort.postMessage({
        id,
        ms: performance.now() - started,
        valid: r.scenario !== null,
        issues,
        printed: [...printed],
      });
    } catch (err) {
      parentPort.postMessage({
        id,
        ms: performance.now() - started,
        crash: String(err?.stack ?? err),
        printed: [...printed],
      });
    }
  });
} else {
  await main();
}

function args() {
  const o = { runs: 10_000, seed: 1, workers: 2, cli: 50, out: join(tmpdir(), 'storm-fuzz-failures') };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in o)) throw new Error(`unknown option ${argv[i]} (options: ${Object.keys(o).join(', ')})`);
    o[key] = key === 'out' ? argv[i + 1] : Number(argv[i + 1]);
  }
  return o;
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

async function main() {
  if (!existsSync(join(DIST, 'bench/fuzz/scenario-mutations.js'))) throw new Error('run npm run build first');
  const o = args();
  const fc = (await import('fast-check')).default;
  const { loadSeeds, mutants, issueProblems } = await import(join(DIST, 'bench/fuzz/scenario-mutations.js'));
  const seeds = loadSeeds(ROOT);
  const arb = mutants(seeds);
  mkdirSync(o.out, { recursive: true });
  const counts = { files: 0, valid: 0, invalid: 0, crashes: 0, hangs: 0, slow: 0, outside: 0, printed: 0, internal: 0 };
  const times = [];
  const saved = [];
  const save = (kind, m, detail) => {
    counts[kind]++;
    if (saved.length >= 50) return;
    const name = join(o.out, `${kind}-${counts[kind]}.json`);
    writeFileSync(name, JSON.stringify({ kind, detail, file: m.file, edits: m.edits, text: m.text }, null, 1));
    saved.push(`${kind}: ${name}  ${String(detail).split('\n')[0].slice(0, 160)}`);
  };

  // Cases are drawn in batches so 10,000 texts (some with 100 kB runs) never sit in memory at once.
  const batchSize = 500;
  let batch = 0;
  let queue = [];
  const next = () => {
    if (queue.length === 0 && batch * batchSize < o.runs) {
      const n = Math.min(batchSize, o.runs - batch * batchSize);
      queue = fc.sample(arb, { seed: o.seed * 100_003 + batch, numRuns: n });
      batch++;
    }
    return queue.shift();
  };

  const started = Date.now();
  await Promise.all(Array.from({ length: o.workers }, () => runWorker()));
  const wall = (Date.now() - started) / 1000;

  async function runWorker() {
    let worker = new Worker(fileURLToPath(import.meta.url));
    for (let m = next(); m; m = next()) {
      counts.files++;
      const reply = await new Promise((resolve) => {
        // Decided in the check phase, after pending messages: a reply that arrived while this thread
        // was busy drawing the next batch is not a hang.
        const timer = setTimeout(() => setImmediate(() => resolve({ hang: true })), HANG_MS);
        worker.once('message', (msg) => {
          clearTimeout(timer);
          resolve(msg);
        });
        worker.once('error', (err) => {
          clearTimeout(timer);
          resolve({ crash: `worker died: ${err?.stack ?? err}` });
        });
        worker.once('exit', (code) => {
          clearTimeout(timer);
          resolve({ crash: `worker died: exit ${code}` });
        });
        worker.postMessage({ id: counts.files, file: m.file, text: m.text });
      });
      for (const event of ['message', 'error', 'exit']) worker.removeAllListeners(event);
      if (reply.hang || reply.crash?.startsWith('worker died')) {
        await worker.terminate();
        worker = new Worker(fileURLToPath(import.meta.url));
      }
      if (reply.hang) {
        save('hangs', m, `no answer after ${HANG_MS} ms`);
        continue;
      }
      if (reply.crash) {
        save('crashes', m, reply.crash);
        continue;
      }
      times.push(reply.ms);
      if (reply.ms > SLOW_MS) save('slow', m, `${Math.round(reply.ms)} ms`);
      if (reply.printed.length) save('printed', m, reply.printed.join(' | '));
      if (reply.issues.some((i) => i.code === 'internal-error'))
        save('internal', m, reply.issues.find((i) => i.code === 'internal-error').message);
      const outside = issueProblems(
        m.text,
        reply.issues.filter((i) => i.code !== 'internal-error'),
      );
      if (outside.length) save('outside', m, outside.join('; '));
      if (reply.valid) counts.valid++;
      else counts.invalid++;
    }
    await worker.terminate();
  }

  const cli = runCli(fc, arb, o, issueProblems);
  times.sort((a, b) => a - b);
  const ms = (v) => `${v.toFixed(1)} ms`;
  console.log(
    `storm fuzz: ${counts.files} mutated scenario files from ${seeds.length} seeds (seed ${o.seed}), ${o.workers} workers, ${wall.toFixed(1)} s`,
  );
  console.log(`  valid ${counts.valid}, invalid ${counts.invalid}`);
  console.log(
    `  crashes ${counts.crashes}  hangs (> ${HANG_MS / 1000} s) ${counts.hangs}  slow (> ${SLOW_MS / 1000} s) ${counts.slow}  issues outside the file ${counts.outside}  printed warnings ${counts.printed}  internal errors ${counts.internal}`,
  );
  console.log(
    `  time per file: p50 ${ms(percentile(times, 50))}  p99 ${ms(percentile(times, 99))}  max ${ms(times.at(-1) ?? 0)}`,
  );
  console.log(
    `  real CLI (storm validate, one file each): ${cli.files} files, exit 0 ${cli.ok}, exit 2 ${cli.invalid}, other exits ${cli.other}, stderr output ${cli.stderr}, stack traces ${cli.stacks}, issues outside the file ${cli.outside}, max ${ms(cli.max)}`,
  );
  for (const s of [...saved, ...cli.saved]) console.log(`  saved ${s}`);
  const bad =
    counts.crashes +
    counts.hangs +
    counts.outside +
    counts.printed +
    counts.internal +
    cli.other +
    cli.stderr +
    cli.stacks +
    cli.outside;
  process.exitCode = bad ? 1 : 0;
}

/** Run `o.cli` mutants through `storm validate`, one process per file, as a user would. */
function runCli(fc, arb, o, issueProblems) {
  const result = { files: 0, ok: 0, invalid: 0, other: 0, stderr: 0, stacks: 0, outside: 0, max: 0, saved: [] };
  if (o.cli <= 0) return result;
  const dir = mkdtempSync(join(tmpdir(), 'storm-fuzz-cli-'));
  try {
    for (const [i, m] of fc.sample(arb, { seed: o.seed * 7919, numRuns: o.cli }).entries()) {
      const file = join(dir, `m${i}.storm.yaml`);
      writeFileSync(file, m.text);
      const started = performance.now();
      const r = spawnSync(process.execPath, [join(DIST, 'src/cli/main.js'), 'validate', file], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, FORCE_COLOR: '0' },
      });
      result.max = Math.max(result.max, performance.now() - started);
      result.files++;
      if (r.status === 0) result.ok++;
      else if (r.status === 2) result.invalid++;
      else result.other++;
      if (r.stderr) result.stderr++;
      if (/^\s{4}at /m.test(r.stdout + r.stderr)) result.stacks++;
      const issues = [...r.stdout.matchAll(/^m\d+\.storm\.yaml:(\d+):(\d+) {2}/gm)].map((x) => ({
        line: Number(x[1]),
        col: Number(x[2]),
        code: 'cli',
        message: x[0],
      }));
      const outside = issueProblems(m.text, issues);
      if (outside.length) result.outside++;
      if ((r.status !== 0 && r.status !== 2) || r.stderr || outside.length) {
        const name = join(o.out, `cli-${i}.json`);
        writeFileSync(
          name,
          JSON.stringify(
            { status: r.status, stderr: r.stderr, stdout: r.stdout, edits: m.edits, text: m.text },
            null,
            1,
          ),
        );
        result.saved.push(`cli: ${name}  exit ${r.status} ${r.stderr.split('\n')[0].slice(0, 120)}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
