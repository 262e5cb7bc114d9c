/**
 * The agent's event outbox: detector, handler and wire meter push events here; they leave in
 * batches (SPEC: at most every 100 ms) through a sink — the IPC channel under the runner, stdout
 * or nothing when run standalone.
 *
 * The flush timer is armed by the first event of a batch, not kept ticking: an idle agent must not
 * wake up ten times a second, because with hundreds of agents on two cores those wake-ups alone
 * would starve the machine (docs/benchmarks.md, "Where start-up time goes").
 */
import type { AgentEvent } from './contract.js';
import type { WireMeter } from '../protocols/types.js';

/** Milliseconds on the host's monotonic clock (shared by every process, see contract.ts). */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Where a batch goes; resolves once it is handed over. */
export type EventSink = (events: AgentEvent[]) => Promise<void>;

/**
 * Collects events and wire bytes; a batch leaves at most `intervalMs` after its first item. Wire
 * bytes since the last batch become one `wire` report stamped at the time of their last byte.
 */
export class EventOutbox implements WireMeter {
  private queue: AgentEvent[] = [];
  private bytes = 0;
  private messages = 0;
  /** When the last byte counted since the last batch was seen. */
  private lastByteAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private started = false;

  constructor(
    private readonly sink: EventSink,
    private readonly intervalMs = 100,
  ) {}

  /** Queue one event. */
  emit(event: AgentEvent): void {
    this.queue.push(event);
    this.arm();
  }

  /** WireMeter: bytes and requests seen at the server's sockets. */
  add(bytes: number, messages: number): void {
    this.bytes += bytes;
    this.messages += messages;
    this.lastByteAt = now();
    this.arm();
  }

  /** Forget the wire bytes counted so far (traffic that is not the system's, e.g. the warm-up). */
  discardWire(): void {
    this.bytes = 0;
    this.messages = 0;
  }

  /** Begin flushing: what is queued now, and from then on whatever arrives. */
  start(): void {
    this.started = true;
    this.arm();
  }

  /** Send everything queued so far (the wire counters become one `wire` event). */
  flush(): Promise<void> {
    if (this.bytes > 0 || this.messages > 0) {
      this.queue.push({ type: 'wire', at: this.lastByteAt, bytes: this.bytes, messages: this.messages });
      this.bytes = 0;
      this.messages = 0;
    }
    if (this.queue.length === 0) return Promise.resolve();
    const batch = this.queue;
    this.queue = [];
    return this.sink(batch);
  }

  /** Stop the timer and flush what is left. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** One flush `intervalMs` from now, unless one is already due or there is nothing to send. */
  private arm(): void {
    if (!this.started || this.timer) return;
    if (this.queue.length === 0 && this.bytes === 0 && this.messages === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.intervalMs);
    // The server keeps the process alive; this timer must not.
    this.timer.unref();
  }
}
