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
 * Collects events and wire bytes. Events leave at most `intervalMs` after the first of a batch; wire
 * bytes are cut into windows of `intervalMs` (each reported at the time of its last byte, so traffic
 * is still attributed to within `intervalMs`) but a batch holding only wire reports waits up to
 * `wireIntervalMs`: heartbeats make traffic all the time, and one IPC message per agent every 100 ms
 * is what kept the runner busy in a cell of hundreds of agents. The price: a SIGKILLed agent's last
 * `wireIntervalMs` of server-side bytes are never reported (docs/metrics.md, bytes).
 */
export class EventOutbox implements WireMeter {
  private queue: AgentEvent[] = [];
  /** The open wire window: bytes and requests since `windowFrom`, the last of them at `windowLast`. */
  private bytes = 0;
  private messages = 0;
  private windowFrom = 0;
  private windowLast = 0;
  private timer: NodeJS.Timeout | undefined;
  /** When the armed timer fires (host ms), to bring a wire-only flush forward when an event arrives. */
  private dueAt = Infinity;
  private started = false;
  /** An event other than a wire report is queued: the batch must leave within `intervalMs`. */
  private eventWaits = false;

  constructor(
    private readonly sink: EventSink,
    private readonly intervalMs = 100,
    private readonly wireIntervalMs = 1000,
  ) {}

  /** Queue one event. */
  emit(event: AgentEvent): void {
    this.queue.push(event);
    this.eventWaits = true;
    this.arm();
  }

  /** WireMeter: bytes and requests seen at the server's sockets. */
  add(bytes: number, messages: number): void {
    const t = now();
    if (this.hasWire() && t - this.windowFrom >= this.intervalMs) this.closeWindow();
    if (!this.hasWire()) this.windowFrom = t;
    this.bytes += bytes;
    this.messages += messages;
    this.windowLast = t;
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

  /** Send everything queued so far, the open wire window included. */
  flush(): Promise<void> {
    this.closeWindow();
    if (this.queue.length === 0) return Promise.resolve();
    const batch = this.queue;
    this.queue = [];
    this.eventWaits = false;
    return this.sink(batch);
  }

  /** Stop the timer and flush what is left. */
  async stop(): Promise<void> {
    this.started = false;
    this.disarm();
    await this.flush();
  }

  private hasWire(): boolean {
    return this.bytes > 0 || this.messages > 0;
  }

  /** The open wire window becomes one `wire` event, stamped at its last byte. */
  private closeWindow(): void {
    if (!this.hasWire()) return;
    this.queue.push({ type: 'wire', at: this.windowLast, bytes: this.bytes, messages: this.messages });
    this.bytes = 0;
    this.messages = 0;
  }

  /**
   * Make sure a flush is due: within `intervalMs` when an event waits, within `wireIntervalMs` when
   * only wire bytes do; nothing when there is nothing to send (an idle agent must not wake up).
   */
  private arm(): void {
    if (!this.started) return;
    if (!this.eventWaits && !this.hasWire() && this.queue.length === 0) return;
    const wait = this.eventWaits ? this.intervalMs : this.wireIntervalMs;
    const due = now() + wait;
    if (this.timer && this.dueAt <= due) return;
    this.disarm();
    this.dueAt = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.dueAt = Infinity;
      void this.flush();
    }, wait);
    // The server keeps the process alive; this timer must not.
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = Infinity;
  }
}
