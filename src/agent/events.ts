/**
 * The agent's event outbox: detector, handler and wire meter push events here; they leave in
 * batches (SPEC: at most every 100 ms) through a sink — the IPC channel under the runner, stdout
 * or nothing when run standalone.
 */
import type { AgentEvent } from './contract.js';
import type { WireMeter } from '../protocols/types.js';

/** Milliseconds on the host's monotonic clock (shared by every process, see contract.ts). */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Where a batch goes; resolves once it is handed over. */
export type EventSink = (events: AgentEvent[]) => Promise<void>;

/** Collects events and wire bytes, flushes them every `intervalMs`. */
export class EventOutbox implements WireMeter {
  private queue: AgentEvent[] = [];
  private bytes = 0;
  private messages = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sink: EventSink,
    private readonly intervalMs = 100,
  ) {}

  /** Queue one event. */
  emit(event: AgentEvent): void {
    this.queue.push(event);
  }

  /** WireMeter: bytes and requests seen at the server's sockets. */
  add(bytes: number, messages: number): void {
    this.bytes += bytes;
    this.messages += messages;
  }

  /** Forget the wire bytes counted so far (traffic that is not the system's, e.g. the warm-up). */
  discardWire(): void {
    this.bytes = 0;
    this.messages = 0;
  }

  /** Begin periodic flushing. */
  start(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    // The server keeps the process alive; this timer must not.
    this.timer.unref();
  }

  /** Send everything queued so far (the wire counters become one `wire` event). */
  flush(): Promise<void> {
    if (this.bytes > 0 || this.messages > 0) {
      this.queue.push({ type: 'wire', at: now(), bytes: this.bytes, messages: this.messages });
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
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
