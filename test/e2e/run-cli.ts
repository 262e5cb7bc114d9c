/** Helpers for e2e tests: run the real built CLI and look for processes a run left behind. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/src/cli/main.js');
export const FIXTURES = join(ROOT, 'test/fixtures');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the CLI to completion (bounded by `timeoutMs`). */
export function runCli(
  args: string[],
  opts: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {},
): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 120_000,
    env: { ...process.env, CI: 'true', FORCE_COLOR: '0', ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Start the CLI without waiting (for interrupt and kill tests). */
export function startCli(
  args: string[],
  cwd = ROOT,
  env: Record<string, string> = {},
): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...process.env, CI: 'true', FORCE_COLOR: '0', ...env },
  });
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return { child, output: () => out };
}

/** A fresh output directory. */
export function tempOutput(): string {
  return mkdtempSync(join(tmpdir(), 'storm-e2e-'));
}

/** Pids of live processes whose environment says they are agents of a run writing to `outputDir`. */
export function agentsOf(outputDir: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const env = readFileSync(`/proc/${name}/environ`, 'utf8');
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const zombie = stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
      if (!zombie && env.includes(`STORM_WORKSPACE=${outputDir}`)) pids.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Poll until `check` is true or `timeoutMs` passes. */
export async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/** SIGKILL every process found, so a failing test never leaks. */
export function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

const tracked: string[] = [];

/**
 * A fresh output directory whose agents are killed after the test if any survived (so a failing
 * test never leaks). Call `useTrackedOutputs()` once per test file to register the cleanup.
 */
export function trackedOutput(): string {
  const o = tempOutput();
  tracked.push(o);
  return o;
}

/** Register the after-each cleanup of trackedOutput() directories. */
export function useTrackedOutputs(afterEach: (fn: () => void) => void): void {
  afterEach(() => {
    for (const o of tracked.splice(0)) killAll(agentsOf(o));
  });
}

/** Read an output directory's results.json. */
export function readResults(output: string): any {
  return JSON.parse(readFileSync(join(output, 'results.json'), 'utf8'));
}
