/**
 * The compiled spawner starts processes from its worker thread and relays what the main thread needs:
 * the pid, IPC messages both ways, the exit, the close once the output reached the capped log, and a
 * clear failure for a program that does not exist.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const { spawner } = (await import('../../dist/src/run/spawner.js')) as typeof import('../../src/run/spawner.js');

const once = <T extends unknown[]>(emitter: NodeJS.EventEmitter, event: string) =>
  new Promise<T>((resolve) => emitter.once(event, (...args: unknown[]) => resolve(args as T)));

describe('spawner (worker thread)', () => {
  it('relays pid, messages both ways, exit and close; output lands in the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'storm-spawner-'));
    const log = join(dir, 'agent.log');
    const script =
      "process.send({ hello: process.pid }); process.on('message', (m) => { console.log('got', m.n); process.exit(3); });";
    const child = await spawner.spawn(
      process.execPath,
      ['-e', script],
      { detached: true, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
      log,
    );
    expect(child.pid).toBeGreaterThan(0);
    const [hello] = await once<[{ hello: number }]>(child, 'message');
    expect(hello.hello).toBe(child.pid);
    const exited = once<[number | null, string | null]>(child, 'exit');
    const closed = once<[]>(child, 'close');
    child.send({ n: 42 });
    expect(await exited).toEqual([3, null]);
    expect(child.connected).toBe(false);
    await closed;
    expect(readFileSync(log, 'utf8')).toBe('got 42\n');
  });

  it('rejects, without a process, for a program that does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'storm-spawner-'));
    await expect(
      spawner.spawn('/nonexistent/storm-agent', [], { stdio: ['ignore', 'pipe', 'pipe'] }, join(dir, 'agent.log')),
    ).rejects.toThrow(/ENOENT/);
  });
});
