/**
 * A userspace fault proxy for one directed link (caller → target): a 127.0.0.1 listener the caller
 * is given instead of the target's address, forwarding every connection to the target's real port.
 * With no rule it is a plain pipe; `setRule` makes it delay, "lose" (retransmission delay) or hold
 * everything (partition) — see link-rule.ts for the model. There is no tc netem and no container
 * network here, so the runner itself stands in the path. A killed and restarted target keeps its
 * port, so the link keeps working across restarts.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { seededRandom, type Random } from '../plan/random.js';
import type { LinkRule } from './link-rule.js';
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

/** The proxy of one directed link. */
export class LinkProxy implements LinkState {
  readonly from: string;
  readonly to: string;
  readonly host: string;
  readonly randomOut: Random;
  readonly randomBack: Random;
  private currentRule: LinkRule | null = null;
  private target = 0;
  private readonly conns = new Set<ProxyConnection>();
  private closing: Promise<void> | undefined;

  private constructor(private readonly server: Server, opts: LinkProxyOptions) {
    this.from = opts.from;
    this.to = opts.to;
    this.host = opts.host ?? '127.0.0.1';
    this.target = opts.targetPort ?? 0;
    this.randomOut = seededRandom(opts.seed);
    this.randomBack = seededRandom(opts.seed ^ 0x5bd1e995);
    server.on('connection', (socket: Socket) => {
      if (this.closing || this.target === 0) return void socket.destroy();
      this.conns.add(new ProxyConnection(socket, this));
    });
  }

  /** Listen on a kernel-chosen 127.0.0.1 port. */
  static async listen(opts: LinkProxyOptions): Promise<LinkProxy> {
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: false });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, opts.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new LinkProxy(server, opts);
  }

  /** The port callers connect to. */
  get port(): number {
    const addr = this.server.address();
    return addr && typeof addr === 'object' ? addr.port : 0;
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
    this.currentRule = rule && Object.keys(rule).length > 0 ? { ...rule } : null;
    for (const c of this.conns) c.wake();
  }

  /** Called by a connection that ended. */
  forget(conn: ProxyConnection): void {
    this.conns.delete(conn);
  }

  /** Stop listening and drop every connection. Idempotent. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const c of [...this.conns]) c.abort(false);
    });
    return this.closing;
  }
}
