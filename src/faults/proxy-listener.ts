/**
 * The listening socket of a link, which mirrors a dead target. A caller that connects directly to a
 * dead process is refused (ECONNREFUSED) and agents declare such a peer dead at once; a proxy that
 * accepted the connection can only reset it, which detectors treat as a glitch. So when the target
 * refuses, the link stops listening — callers are refused by the kernel, as with a dead peer — and
 * polls the target every POLL_MS; once the target accepts again the link listens on the same port.
 * While a link is blocked it always listens: a partition hides whether the target is up.
 */
import { connect, type Server } from 'node:net';

/** How often a down link checks whether its target accepts connections again. */
const POLL_MS = 20;

type State = 'up' | 'down' | 'opening' | 'closed';

/** A link's listener that can go down with its target and come back on the same port. */
export class LinkListener {
  private state: State = 'up';
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly host: string,
  ) {}

  /** Listen on a kernel-chosen port of `host`. */
  static async open(server: Server, host: string): Promise<LinkListener> {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    // An accept failure (e.g. out of file descriptors) must cost a connection, never the runner.
    server.on('error', () => undefined);
    return new LinkListener(server, (server.address() as { port: number }).port, host);
  }

  /** Is the link refusing callers because its target does? */
  get down(): boolean {
    return this.state === 'down' || this.state === 'opening';
  }

  /** The target refused a connection: refuse callers too until it accepts again. */
  targetRefused(targetPort: number): void {
    if (this.state !== 'up') return;
    this.state = 'down';
    this.server.close();
    this.poll(targetPort);
  }

  /** Listen again now, whatever the target does (a blocked link must hold, not refuse). */
  hold(): void {
    if (this.state === 'down') this.relisten();
  }

  /** Stop for good. */
  close(): Promise<void> {
    const wasListening = this.state === 'up' || this.state === 'opening';
    this.state = 'closed';
    clearTimeout(this.timer);
    if (!wasListening) return Promise.resolve();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private poll(targetPort: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.state !== 'down') return;
      const probe = connect({ host: this.host, port: targetPort });
      probe.once('connect', () => {
        probe.destroy();
        this.relisten(targetPort);
      });
      probe.on('error', () => {
        probe.destroy();
        this.poll(targetPort);
      });
    }, POLL_MS);
  }

  /** Take the port back; if something else holds it for a moment, try again. */
  private relisten(targetPort?: number): void {
    if (this.state !== 'down') return;
    clearTimeout(this.timer);
    this.state = 'opening';
    const onError = (): void => {
      if (this.state !== 'opening') return;
      this.state = 'down';
      this.timer = setTimeout(() => (targetPort === undefined ? this.relisten() : this.relisten(targetPort)), POLL_MS);
    };
    this.server.once('error', onError);
    this.server.listen(this.port, this.host, () => {
      this.server.off('error', onError);
      if (this.state === 'opening') this.state = 'up';
      else void this.server.close(); // closed while re-opening
    });
  }
}
