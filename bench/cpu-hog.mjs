// A CPU hog: N worker threads spinning busy loops, to saturate the machine while storm runs
// (bench/harness-under-load.mjs). It stops by itself after the duration, on SIGINT/SIGTERM, and when
// the process that started it with an IPC channel goes away, so it cannot outlive a benchmark.
// Usage: node bench/cpu-hog.mjs [threads = available cores] [seconds = 60]
import { availableParallelism } from 'node:os';
import { Worker, isMainThread } from 'node:worker_threads';

if (!isMainThread) {
  // Short bursts between checks of nothing: a pure busy loop; the main thread terminates the worker.
  for (;;) {
    let x = 0;
    for (let i = 0; i < 1e7; i++) x += i;
    if (x < 0) break;
  }
} else {
  const threads = Number(process.argv[2] ?? availableParallelism());
  const seconds = Number(process.argv[3] ?? 60);
  if (!(threads >= 1) || !(seconds > 0)) {
    console.error('usage: node bench/cpu-hog.mjs [threads >= 1] [seconds > 0]');
    process.exit(2);
  }
  const workers = Array.from({ length: threads }, () => new Worker(new URL(import.meta.url)));
  let stopping = false;
  const stop = async (why) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(workers.map((w) => w.terminate()));
    console.log(`cpu-hog: stopped (${why})`);
    process.exit(0);
  };
  console.log(`cpu-hog: ${threads} busy thread${threads === 1 ? '' : 's'} for up to ${seconds} s, pid ${process.pid}`);
  setTimeout(() => void stop('duration reached'), seconds * 1000);
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  if (process.send) process.on('disconnect', () => void stop('parent gone'));
}
