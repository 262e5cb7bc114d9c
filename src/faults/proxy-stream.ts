/**
 * One proxied TCP connection of a link: the caller's socket, the socket to the target, and a
 * `Direction` each way. A Direction forwards chunks in order, each at its own delivery time (now +
 * the rule's delay, never before the previous chunk's; under a bandwidth rule, never before the
 * previous bytes have been "transmitted" at that rate), with backpressure both ways: the source is
 * paused while the destination's buffer is full or too much is held for later. While the link is
 * blocked nothing is delivered and new connections are not forwarded; bytes are held as TCP would
 * keep retransmitting them. A connection either end closes during a block is torn down on both
 * sides without delivering what was held: the caller gave up on it.
 *
 * A connection can be *silenced* — by a blackhole, or a dropped message: from then on nothing is
 * delivered either way and the target's side is closed, but the caller's socket stays open and
 * unanswered, so the caller learns of the fault only from its own timeout (never a reset or a FIN).
 * While the link has message rules each direction goes through a MessageTap (message-tap.ts).
 */
import { connect, type Socket } from 'node:net';
import type { Random } from '../util/random.js';
import { chunkDelay, type LinkRule, type MessageRule } from './link-rule.js';
import type { MessageFields } from './message-fields.js';
import { MessageTap, type TapHost } from './message-tap.js';
import { HttpRequestCounter } from './request-counter.js';

/** Held bytes per direction above which the source is paused. */
const HIGH_WATER = 256 * 1024;
/** A silenced caller is closed after this long if it never gives up by itself. */
const SILENCE_MAX_MS = 120_000;
/** Bandwidth shaping sends at most this share of a second's bytes at once (smooth, ~20 ms steps). */
const SHAPE_SLICES_PER_SEC = 50;

/** What a connection needs from its link. */
export interface LinkState {
  readonly rule: LinkRule | null;
  readonly targetPort: number;
  readonly host: string;
  /** One PRNG per direction, shared by the link's connections. */
  readonly randomOut: Random;
  readonly randomBack: Random;
  /** The PRNG of fault draws (message faults). */
  readonly faultRandom: Random;
  forget(conn: ProxyConnection): void;
  /** The target refused a connection (nobody listens: a dead process). */
  targetRefused(): void;
  /** Whether this link counts its traffic (meter); read when a connection opens. */
  readonly metered?: boolean;
  /** Bytes that arrived at the proxy (either direction), HTTP requests among them, and those carrying work. */
  meter?(bytes: number, requests: number, writes: number): void;
  /** Draw whether a connection is reset under the rule in force (counted when it is). */
  drawReset(): boolean;
  /** Add to one of the link's counters (what its faults did). */
  count(name: string, n?: number): void;
  /** A message rule acted on a message crossing the link. */
  recordMessage(rule: MessageRule, fields: MessageFields, reply: boolean): void;
  /** Deliver a copy of a request on a separate connection; false when it could not be sent. */
  duplicate(raw: Buffer): boolean;
}

class Direction {
  private readonly queue: { chunk: Buffer; at: number }[] = [];
  private held = 0;
  private lastAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private congested = false;
  private ended = false;
  private dst: Socket | null = null;
  private tap: MessageTap | undefined;

  constructor(
    private readonly src: Socket,
    private readonly random: Random,
    private readonly conn: ProxyConnection,
    private readonly side: 'request' | 'response',
  ) {
    src.on('data', (chunk: Buffer) => this.onData(chunk));
    src.on('end', () => {
      this.ended = true;
      if (this.conn.silenced) return;
      if (this.conn.blocked) this.conn.abort(false);
      else this.pump();
    });
  }

  /** Forget everything held (the connection was silenced). */
  discard(): void {
    this.stop();
    this.queue.length = 0;
    this.held = 0;
    this.tap = undefined;
    if (!this.src.destroyed) this.src.resume();
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
    if (this.conn.silenced) return this.conn.swallowed(chunk.length);
    if (this.conn.turn(this.side)) return;
    const rule = this.conn.rule;
    if (!rule?.messages && !this.tap) return this.enqueue(chunk, 0);
    this.tap ??= new MessageTap(this.side, this.conn);
    const tap = this.tap;
    const pieces = tap.feed(chunk);
    // a dropped message silenced the connection: nothing after it is delivered
    if (this.conn.silenced) return;
    // the rule was lifted: keep framing until the message in progress is through, then plain pipe
    if (!rule?.messages && tap.idle) this.tap = undefined;
    for (const p of pieces) this.enqueue(p.bytes, p.delayMs);
  }

  private enqueue(chunk: Buffer, extraMs: number): void {
    const now = performance.now();
    const rule = this.conn.rule;
    const at = Math.max(now + chunkDelay(rule, this.random) + extraMs, this.lastAt);
    if (rule?.bytesPerSec) return this.shape(chunk, at, rule.bytesPerSec);
    this.lastAt = at;
    const dst = this.dst;
    if (at <= now && this.queue.length === 0 && dst && !this.conn.blocked && !this.congested) {
      // plain pipe: nothing to hold, nothing ahead of this chunk
      if (!dst.write(chunk)) this.congested = true;
      return this.flow();
    }
    this.push(chunk, at);
  }

  /** Bandwidth: each slice is delivered once the bytes before it and itself have "crossed" at the rate. */
  private shape(chunk: Buffer, from: number, bytesPerSec: number): void {
    const slice = Math.max(512, Math.floor(bytesPerSec / SHAPE_SLICES_PER_SEC));
    let at = from;
    for (let i = 0; i < chunk.length; i += slice) {
      const part = chunk.subarray(i, i + slice);
      at = Math.max(at, this.lastAt) + (part.length * 1000) / bytesPerSec;
      this.lastAt = at;
      this.push(part, at);
    }
    this.conn.count('shaped_bytes', chunk.length);
  }

  private push(chunk: Buffer, at: number): void {
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
export class ProxyConnection implements TapHost {
  private upstream: Socket | null = null;
  private readonly out: Direction;
  private back: Direction | null = null;
  private done = false;
  private silence_: NodeJS.Timeout | undefined;
  /** Set once nothing more may cross this connection (blackhole, dropped message). */
  silenced = false;
  /** Swallowed by a blackhole (closed when it heals), not silenced by a dropped message. */
  blackholed = false;
  lastRequest: MessageFields | undefined;
  private awaitingRequest = true;
  private readonly requests = new HttpRequestCounter();

  constructor(
    private readonly client: Socket,
    private readonly link: LinkState,
  ) {
    client.setNoDelay(true);
    this.out = new Direction(client, link.randomOut, this, 'request');
    if (link.metered) {
      client.on('data', (chunk: Buffer) => {
        const writes = this.requests.writes;
        link.meter?.(chunk.length, this.requests.feed(chunk), this.requests.writes - writes);
      });
    }
    client.on('error', () => this.abort(true));
    client.on('close', () => this.abort(false));
    if (link.rule?.blackhole) this.blackhole();
    this.wake();
  }

  get rule(): LinkRule | null {
    return this.link.rule;
  }

  get faultRandom(): Random {
    return this.link.faultRandom;
  }

  /**
   * Bytes arrived from one side. The caller's first bytes after a reply (or on a new connection) start
   * a request: under a reset rule that is when the connection's draw is made, so a kept-alive
   * connection meets the rule at every request, not once. True when the connection was reset.
   */
  turn(side: 'request' | 'response'): boolean {
    if (side === 'response') {
      this.awaitingRequest = true;
      return false;
    }
    if (!this.awaitingRequest) return false;
    this.awaitingRequest = false;
    if (!this.link.rule?.reset || !this.link.drawReset()) return false;
    this.abort(true);
    return true;
  }

  /** A blackhole swallowed this connection. */
  blackhole(): void {
    if (this.done || this.silenced) return;
    this.link.count('blackholed');
    this.blackholed = true;
    this.silence();
  }

  /** Nothing more crosses: drop what is held, close the target's side, leave the caller unanswered. */
  silence(): void {
    if (this.done || this.silenced) return;
    this.silenced = true;
    this.out.discard();
    this.back?.discard();
    const up = this.upstream;
    if (up) {
      up.removeAllListeners();
      up.on('error', () => undefined);
      up.destroy();
    }
    this.silence_ = setTimeout(() => this.abort(false), SILENCE_MAX_MS);
  }

  /** Bytes a silenced connection received and dropped. */
  swallowed(bytes: number): void {
    this.link.count('swallowed_bytes', bytes);
  }

  count(name: string, n = 1): void {
    this.link.count(name, n);
  }

  record(rule: MessageRule, fields: MessageFields, reply: boolean): void {
    this.link.recordMessage(rule, fields, reply);
  }

  duplicate(raw: Buffer): void {
    if (!this.link.duplicate(raw)) this.link.count('duplicate_skipped');
  }

  unframed(bytes: number): void {
    this.link.count('unframed_bytes', bytes);
  }

  get blocked(): boolean {
    return this.link.rule?.blocked === true;
  }

  /** The rule changed: connect if we were held back, deliver what is due. */
  wake(): void {
    if (this.done || this.silenced) return;
    if (!this.upstream && !this.blocked) this.open();
    this.out.pump();
    this.back?.pump();
  }

  /** Tear both sides down; `reset` sends an RST to the caller (a refused or broken target). */
  abort(reset: boolean): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.silence_);
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
      if (this.done || this.silenced) return;
      if (this.link.metered) up.on('data', (chunk: Buffer) => this.link.meter?.(chunk.length, 0, 0));
      this.back = new Direction(up, this.link.randomBack, this, 'response');
      this.back.attach(this.client);
      this.out.attach(up);
    });
  }
}
