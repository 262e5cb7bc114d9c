/**
 * One proxied TCP connection of a link: the caller's socket, the socket to the target, and a
 * `Direction` each way. A Direction forwards chunks in order, each at its own delivery time (now +
 * the rule's delay, never before the previous chunk's), with backpressure both ways: the source is
 * paused while the destination's buffer is full or too much is held for later. While the link is
 * blocked nothing is delivered and new connections are not forwarded; bytes are held as TCP would
 * keep retransmitting them. A connection either end closes during a block is torn down on both
 * sides without delivering what was held: the caller gave up on it.
 */
import { connect, type Socket } from 'node:net';
import type { Random } from '../util/random.js';
import { HttpRequestCounter } from './request-counter.js';
import { chunkDelay, type LinkRule } from './link-rule.js';

/** Held bytes per direction above which the source is paused. */
const HIGH_WATER = 256 * 1024;

/** What a connection needs from its link. */
export interface LinkState {
  readonly rule: LinkRule | null;
  readonly targetPort: number;
  readonly host: string;
  /** One PRNG per direction, shared by the link's connections. */
  readonly randomOut: Random;
  readonly randomBack: Random;
  forget(conn: ProxyConnection): void;
  /** The target refused a connection (nobody listens: a dead process). */
  targetRefused(): void;
  /** Bytes that arrived at the proxy (either direction), HTTP requests among them, and those carrying work. */
  meter?(bytes: number, requests: number, writes: number): void;
}

class Direction {
  private readonly queue: { chunk: Buffer; at: number }[] = [];
  private held = 0;
  private lastAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private congested = false;
  private ended = false;
  private dst: Socket | null = null;

  constructor(private readonly src: Socket, private readonly random: Random, private readonly conn: ProxyConnection) {
    src.on('data', (chunk: Buffer) => this.onData(chunk));
    src.on('end', () => {
      this.ended = true;
      if (this.conn.blocked) this.conn.abort(false);
      else this.pump();
    });
  }

  attach(dst: Socket): void {
    this.dst = dst;
    dst.on('drain', () => {
      this.congested = false;
      this.pump();
    });
    this.pump();
  }

  /** Deliver what is due; call again when the rule changes. */
  pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const dst = this.dst;
    if (!dst || dst.destroyed || this.conn.blocked || this.congested) return this.flow();
    const now = performance.now();
    while (this.queue.length > 0 && this.queue[0].at <= now) {
      const { chunk } = this.queue.shift()!;
      this.held -= chunk.length;
      if (!dst.write(chunk)) {
        this.congested = true;
        break;
      }
    }
    if (this.queue.length > 0 && !this.congested) {
      this.timer = setTimeout(() => this.pump(), Math.max(1, Math.ceil(this.queue[0].at - now)));
    } else if (this.queue.length === 0 && this.ended && !dst.writableEnded) dst.end();
    this.flow();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private onData(chunk: Buffer): void {
    const now = performance.now();
    const at = Math.max(now + chunkDelay(this.conn.rule, this.random), this.lastAt);
    this.lastAt = at;
    const dst = this.dst;
    if (at <= now && this.queue.length === 0 && dst && !this.conn.blocked && !this.congested) {
      // plain pipe: nothing to hold, nothing ahead of this chunk
      if (!dst.write(chunk)) this.congested = true;
      return this.flow();
    }
    this.queue.push({ chunk, at });
    this.held += chunk.length;
    if (!this.timer) this.pump();
    else this.flow();
  }

  /** Pause the source while the destination is full or too much is held. */
  private flow(): void {
    if (this.src.destroyed) return;
    if (this.congested || this.held > HIGH_WATER) this.src.pause();
    else this.src.resume();
  }
}

/** A caller's connection through a link proxy. */
export class ProxyConnection {
  private upstream: Socket | null = null;
  private readonly out: Direction;
  private back: Direction | null = null;
  private done = false;
  private readonly requests = new HttpRequestCounter();

  constructor(private readonly client: Socket, private readonly link: LinkState) {
    client.setNoDelay(true);
    this.out = new Direction(client, link.randomOut, this);
    client.on('data', (chunk: Buffer) => {
      const writes = this.requests.writes;
      link.meter?.(chunk.length, this.requests.feed(chunk), this.requests.writes - writes);
    });
    client.on('error', () => this.abort(true));
    client.on('close', () => this.abort(false));
    this.wake();
  }

  get rule(): LinkRule | null {
    return this.link.rule;
  }

  get blocked(): boolean {
    return this.link.rule?.blocked === true;
  }

  /** The rule changed: connect if we were held back, deliver what is due. */
  wake(): void {
    if (this.done) return;
    if (!this.upstream && !this.blocked) this.open();
    this.out.pump();
    this.back?.pump();
  }

  /** Tear both sides down; `reset` sends an RST to the caller (a refused or broken target). */
  abort(reset: boolean): void {
    if (this.done) return;
    this.done = true;
    this.out.stop();
    this.back?.stop();
    if (reset && !this.client.destroyed) this.client.resetAndDestroy();
    else this.client.destroy();
    this.upstream?.destroy();
    this.link.forget(this);
  }

  private open(): void {
    const up = connect({ host: this.link.host, port: this.link.targetPort, allowHalfOpen: true, noDelay: true });
    this.upstream = up;
    up.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED' && !this.back) this.link.targetRefused();
      this.abort(true);
    });
    up.on('close', (hadError) => {
      if (hadError || !this.back) this.abort(true);
    });
    up.once('connect', () => {
      if (this.done) return;
      up.on('data', (chunk: Buffer) => this.link.meter?.(chunk.length, 0, 0));
      this.back = new Direction(up, this.link.randomBack, this);
      this.back.attach(this.client);
      this.out.attach(up);
    });
  }
}
