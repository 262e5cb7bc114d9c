/**
 * A userspace fault proxy for one directed link (caller → target): a 127.0.0.1 listener the caller
 * is given instead of the target's address, forwarding every connection to the target's real port.
 * With no rule it is a plain pipe; `setRule` makes it delay, "lose" (retransmission delay), hold
 * everything (partition), reset connections, swallow them (blackhole), shape bandwidth, or act on
 * single messages — see link-rule.ts for the model. What its faults did is counted in `counts`. There is no tc netem and no container
 * network here, so the runner itself stands in the path. A killed and restarted target keeps its
 * port, so the link keeps working across restarts; while the target refuses, so does the link
 * (proxy-listener.ts), so callers still see a dead peer as refused.
 */
import { createServer, type Socket } from 'node:net';
import { seededRandom, type Random } from '../util/random.js';
import { DuplicateSender } from './duplicate-sender.js';
import type { LinkRule, MessageRule } from './link-rule.js';
import type { MessageFields } from './message-fields.js';
import { LinkListener } from './proxy-listener.js';
import { ProxyConnection, type LinkState } from './proxy-stream.js';

export interface LinkProxyOptions {
  /** Caller id (an agent, or `client`). */
  from: string;
  /** Target agent id. */
  to: string;
  /** The target's real port; may be set later with `setTarget` (before any connection). */
  targetPort?: number;
  /** Seeds the link's jitter and loss draws, so runs reproduce. */
  seed: number;
  host?: string;
}

/** A message rule acted on a message of a link (the fabric records it in the history). */
export interface MessageHit {
  rule: MessageRule;
  fields: MessageFields;
  reply: boolean;
  from: string;
  to: string;
}

/** The proxy of one directed link. */
export class LinkProxy implements LinkState {
  readonly from: string;
  readonly to: string;
  readonly host: string;
  readonly randomOut: Random;
  readonly randomBack: Random;
  readonly faultRandom: Random;
  /** Running totals of what faults did on this link (connections reset, messages dropped, …). */
  readonly counts: Record<string, number> = {};
  /** Called for every message a message rule acted on. */
  onMessage: ((hit: MessageHit) => void) | undefined;
  private readonly duplicates: DuplicateSender;
  private currentRule: LinkRule | null = null;
  private target = 0;
  private readonly conns = new Set<ProxyConnection>();
  private closing: Promise<void> | undefined;
  /** Bytes through the link since it opened, both directions, and the HTTP requests among them. */
  bytes = 0;
  requests = 0;
  /** Requests that carried work (not GET/HEAD/OPTIONS): zero while tasks succeed means they went around. */
  writes = 0;
  /**
   * Count bytes and requests (users' agents: src/run/proxy-meter.ts). Off by default: built-in agents
   * count their own bytes, and parsing every request head would be work on the path of every message.
   * Set before the link's first connection; connections decide when they open.
   */
  metered = false;

  private constructor(
    private readonly listener: LinkListener,
    opts: LinkProxyOptions,
  ) {
    this.from = opts.from;
    this.to = opts.to;
    this.host = opts.host ?? '127.0.0.1';
    this.target = opts.targetPort ?? 0;
    this.randomOut = seededRandom(opts.seed);
    this.randomBack = seededRandom(opts.seed ^ 0x5bd1e995);
    this.faultRandom = seededRandom(opts.seed ^ 0x2545f491);
    this.duplicates = new DuplicateSender(this.host, () => this.target);
  }

  /** Listen on a kernel-chosen 127.0.0.1 port. */
  static async listen(opts: LinkProxyOptions): Promise<LinkProxy> {
    let proxy: LinkProxy | undefined;
    const server = createServer({ allowHalfOpen: true }, (socket: Socket) => {
      if (!proxy || proxy.closing || proxy.target === 0) return void socket.destroy();
      proxy.conns.add(new ProxyConnection(socket, proxy));
    });
    proxy = new LinkProxy(await LinkListener.open(server, opts.host ?? '127.0.0.1'), opts);
    return proxy;
  }

  /** The port callers connect to (the same for the link's whole life). */
  get port(): number {
    return this.listener.port;
  }

  /** Is the link refusing callers because its target refused? */
  get down(): boolean {
    return this.listener.down;
  }

  /** The base URL callers are given for the target. */
  get url(): string {
    return `http://${this.host}:${this.port}`;
  }

  /** The rule in force (null = plain forwarding). */
  get rule(): LinkRule | null {
    return this.currentRule;
  }

  /** The target's real port. */
  get targetPort(): number {
    return this.target;
  }

  /** Point the link at the target's real port. */
  setTarget(port: number): void {
    this.target = port;
  }

  /** Connections currently open through the link. */
  get openConnections(): number {
    return this.conns.size;
  }

  /** Apply a rule to new chunks and connections at once (null lifts it); held bytes flow again on lift. */
  setRule(rule: LinkRule | null): void {
    const before = this.currentRule;
    this.currentRule = rule && Object.keys(rule).length > 0 ? { ...rule } : null;
    if (this.currentRule?.blocked || this.currentRule?.blackhole) this.listener.hold();
    // Open connections meet a new reset or blackhole at once (requests in flight); later, a reset is
    // drawn at each request a connection starts (proxy-stream.ts). A rule set again with the same
    // share (another fault composed in) does not draw again.
    const newReset = (this.currentRule?.reset ?? 0) > (before?.reset ?? 0);
    // A heal closes what the blackhole swallowed (a FIN: the caller drops it from its pool and
    // reconnects); what it carried stays lost.
    const healed = before?.blackhole === true && !this.currentRule?.blackhole;
    for (const c of [...this.conns]) {
      if (healed && c.blackholed) c.abort(false);
      else if (this.currentRule?.blackhole) c.blackhole();
      else if (newReset && this.drawReset()) c.abort(true);
      else c.wake();
    }
  }

  /** Draw whether a connection is reset under the rule in force (counted when it is). Public for connections. */
  drawReset(): boolean {
    const share = this.currentRule?.reset;
    if (!share || this.faultRandom() >= share) return false;
    this.count('reset');
    return true;
  }

  /** Called by a connection whose target refused it. */
  targetRefused(): void {
    if (!this.currentRule?.blocked && !this.currentRule?.blackhole) this.listener.targetRefused(this.target);
  }

  count(name: string, n = 1): void {
    this.counts[name] = (this.counts[name] ?? 0) + n;
  }

  recordMessage(rule: MessageRule, fields: MessageFields, reply: boolean): void {
    this.count(rule.action);
    this.onMessage?.({ rule, fields, reply, from: this.from, to: this.to });
  }

  duplicate(raw: Buffer): boolean {
    return this.target !== 0 && this.duplicates.send(raw);
  }

  /** Called by a connection for every chunk it reads, from either side. */
  meter(bytes: number, requests: number, writes = 0): void {
    this.bytes += bytes;
    this.requests += requests;
    this.writes += writes;
  }

  /** Called by a connection that ended. */
  forget(conn: ProxyConnection): void {
    this.conns.delete(conn);
  }

  /** Stop listening and drop every connection. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const closed = this.listener.close();
      for (const c of [...this.conns]) c.abort(false);
      this.duplicates.close();
      await closed;
    })();
    return this.closing;
  }
}
