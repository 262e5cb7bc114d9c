/** Runner side of the reaper (see reaper-main.ts): start it once, register every agent's process group. */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { killTagged } from './sweep.js';

const REAPER_MAIN = fileURLToPath(new URL('./reaper-main.js', import.meta.url));

/** A handle on the run's reaper process. */
export class Reaper {
  private cells = 0;

  /** `runId` tags every agent process of the run (STORM_RUN in its environment; see sweep.ts). */
  private constructor(
    private readonly child: ChildProcess,
    readonly runId: string,
  ) {}

  /** Start the reaper and wait (≤ 5 s) until it listens. */
  static async start(): Promise<Reaper> {
    const runId = randomBytes(8).toString('hex');
    // NODE_EXTRA_CA_CERTS costs ~300 ms at every Node start and the reaper makes no TLS connections.
    const { NODE_EXTRA_CA_CERTS: _unused, ...env } = process.env;
    const child = fork(REAPER_MAIN, [runId], { detached: true, env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.unref();
    (child as unknown as { channel?: { unref(): void } }).channel?.unref();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the reaper process did not start within 5 s')), 5000);
      child.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      child.once('error', reject);
    });
    return new Reaper(child, runId);
  }

  /** A fresh tag for one cell's agent processes (STORM_CELL in their environment). */
  newCellTag(): string {
    return `${this.runId}.${++this.cells}`;
  }

  /** SIGKILL every process still tagged with `cellTag` (after its agents were stopped); returns how many. */
  sweepCell(cellTag: string): number {
    return killTagged('STORM_CELL', cellTag);
  }

  /** Watch a process group. */
  add(pgid: number): void {
    if (this.child.connected) this.child.send({ add: pgid });
  }

  /** Stop watching a process group (it was stopped cleanly). */
  remove(pgid: number): void {
    if (this.child.connected) this.child.send({ remove: pgid });
  }

  /** End the reaper; it kills whatever is still registered. */
  close(): void {
    if (this.child.connected) this.child.disconnect();
  }
}
