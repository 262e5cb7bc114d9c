/**
 * An agent's stdout and stderr, written to its `agent.log` up to a cap. A chatty agent (one wrote
 * 20 MB/s) must not fill the disk: past the cap the output is still read — so the agent never blocks
 * on a full pipe — but dropped, and the log ends with how much was dropped.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Readable } from 'node:stream';

/** Default cap of one agent's log: 10 MiB. */
export const DEFAULT_LOG_CAP_BYTES = 10 * 1024 * 1024;

/** The cap: `STORM_AGENT_LOG_BYTES` when a positive integer, else 10 MiB. */
export function logCapBytes(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.STORM_AGENT_LOG_BYTES);
  return Number.isSafeInteger(v) && v > 0 ? v : DEFAULT_LOG_CAP_BYTES;
}

/** Appends the streams to `path` until `cap` bytes; `close()` notes what was dropped. */
export class CappedLog {
  private readonly fd: number;
  private written = 0;
  private dropped = 0;
  private closed = false;

  constructor(
    path: string,
    private readonly cap = logCapBytes(),
  ) {
    this.fd = openSync(path, 'a');
  }

  /** Read `stream` into the log (and past the cap, into nothing). */
  attach(stream: Readable | null | undefined): void {
    stream?.on('data', (chunk: Buffer) => this.write(chunk));
    stream?.on('error', () => undefined);
  }

  private write(chunk: Buffer): void {
    if (this.closed) return;
    const room = Math.max(0, this.cap - this.written);
    if (room > 0) {
      const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
      try {
        writeSync(this.fd, part);
      } catch {
        // a full disk: drop like past the cap
      }
      this.written += part.length;
    }
    this.dropped += chunk.length - Math.min(chunk.length, room);
  }

  /** Stop writing; the last line says how much was dropped, if anything was. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.dropped > 0)
        writeSync(
          this.fd,
          `\n[storm] agent.log capped at ${this.cap} bytes; ${this.dropped} more bytes of output were dropped\n`,
        );
      closeSync(this.fd);
    } catch {
      // nothing more to do
    }
  }
}
