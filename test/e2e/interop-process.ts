/** Helpers for the interop tests: start a server process that prints `ready <url>`, and kill it for sure. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = resolve(ROOT, 'dist/src/cli/main.js');

const groups = new Set<number>();

/** Spawn `node <args>` in its own process group; resolves with its URL once it prints `ready <url>`. */
export function startReady(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 15_000,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  if (child.pid) groups.add(child.pid);
  let out = '';
  let err = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`no "ready <url>" within ${timeoutMs} ms from ${args.join(' ')}\n${out}${err}`)),
      timeoutMs,
    );
    child.stderr?.on('data', (d) => (err += d));
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /^ready (\S+)/m.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        done({ child, url: m[1] });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${args.join(' ')} exited with ${code} before ready\n${out}${err}`));
    });
  });
}

/** SIGKILL every process group started here. */
export function killAll(): void {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  groups.clear();
}
