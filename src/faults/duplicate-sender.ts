/**
 * Delivers the copy of a duplicated request: its exact bytes on a new connection to the target's real
 * port, as a retransmitting or at-least-once transport would deliver it twice. The reply to the copy
 * is read until it is complete and dropped — nobody is waiting for it. Bounded in time (the copy's
 * connection is closed after DUPLICATE_TIMEOUT_MS whatever happens) and in number (at most
 * MAX_IN_FLIGHT copies per link at once; a copy beyond that is not sent and is counted as skipped).
 */
import { connect } from 'node:net';
import { HttpFramer } from './http-framer.js';

/** Longest a duplicate's connection stays open waiting for its reply. */
export const DUPLICATE_TIMEOUT_MS = 15_000;
/** Copies in flight per link. */
export const MAX_IN_FLIGHT = 64;

/** Sends copies to one target. */
export class DuplicateSender {
  private inFlight = 0;
  private readonly open = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly host: string,
    private readonly port: () => number,
  ) {}

  /** Send a copy of `raw`; false when too many copies are in flight (not sent). */
  send(raw: Buffer): boolean {
    if (this.closed || this.inFlight >= MAX_IN_FLIGHT) return false;
    this.inFlight++;
    const socket = connect({ host: this.host, port: this.port(), noDelay: true });
    const framer = new HttpFramer('response');
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      this.inFlight--;
      this.open.delete(finish);
      clearTimeout(timer);
      socket.destroy();
    };
    const timer = setTimeout(finish, DUPLICATE_TIMEOUT_MS);
    this.open.add(finish);
    socket.once('connect', () => socket.write(raw));
    socket.on('data', (chunk: Buffer) => {
      if (framer.feed(chunk).some((f) => 'message' in f && !/^HTTP\/1\.[01] 1/.test(f.message.startLine))) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    return true;
  }

  /** Close every copy's connection and send no more (the link is closing). */
  close(): void {
    this.closed = true;
    for (const finish of [...this.open]) finish();
  }
}
