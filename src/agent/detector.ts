/**
 * The built-in agents' failure detector: a heartbeat per peer over the protocol itself.
 *
 * - Every peer starts alive with lastOk = start, and is pinged at once, then every intervalMs
 *   (never two pings in flight to one peer), each ping bounded by timeoutMs.
 * - Silence: a timer is armed for exactly lastOk + timeoutMs; if it fires with no newer success
 *   the peer is declared dead then (a SIGSTOPped process keeps accepting TCP connections through
 *   the kernel, so only the deadline can reveal it).
 * - Refusal: a ping or send refused with ECONNREFUSED declares the peer dead at once — nobody
 *   listens on its port, which is what a killed process looks like. Before a peer has answered
 *   once, a refusal only means "not up yet" (agents start in parallel), so the deadline decides.
 * - A success while dead → `rejoin`; the next successful exchange after that → `reconnect`
 *   (once per death).
 * - Under the runner, the detector only keeps its connections warm until the workload starts
 *   (`keepWarm`: a ping to every peer now and then, no deadlines, no events): while hundreds of
 *   agents boot on two cores, the ones already up must not spend the CPU the others need on
 *   heartbeats nobody measures. `start` at the workload begins watching with every peer fresh, the
 *   first tick at a per-agent offset within one interval so that hundreds of agents do not all
 *   ping in the same millisecond.
 */
import type { AgentEvent, AgentPeer, DetectEvidence } from './contract.js';
import { now } from './events.js';
import { errorCode } from '../protocols/http-client.js';

interface PeerState {
  peer: AgentPeer;
  alive: boolean;
  /** Answered at least once during this detector's life. */
  seen: boolean;
  lastOk: number;
  inFlight: boolean;
  /** Rejoined; the next successful exchange emits `reconnect`. */
  awaitingReconnect: boolean;
  deadline?: NodeJS.Timeout;
}

export interface DetectorOptions {
  peers: AgentPeer[];
  intervalMs: number;
  timeoutMs: number;
  /** One heartbeat; resolves true when the peer answered, rejects on a failed exchange. */
  ping: (peer: AgentPeer, timeoutMs: number) => Promise<boolean>;
  emit: (event: AgentEvent) => void;
  /** Called when a peer is declared dead (e.g. to drop protocol session state). */
  onDead?: (peer: AgentPeer) => void;
}

/** Heartbeat failure detector over a fixed set of peers. */
export class FailureDetector {
  private readonly states = new Map<string, PeerState>();
  private ticker: NodeJS.Timeout | undefined;
  private warmTimer: NodeJS.Timeout | undefined;
  /** Deadlines armed and events emitted: from `start` on. */
  private watching = false;
  private stopped = false;

  constructor(private readonly opts: DetectorOptions) {
    const start = now();
    for (const peer of opts.peers) {
      this.states.set(peer.id, {
        peer,
        alive: true,
        seen: false,
        lastOk: start,
        inFlight: false,
        awaitingReconnect: false,
      });
    }
  }

  /**
   * Before `start`: open a connection to every peer as soon as it is up and keep it open, learning
   * who is up; no deadline is armed and nothing is declared. A peer that has not answered yet (still
   * booting) is tried every heartbeat interval, one that answered only every `periodMs`.
   */
  keepWarm(periodMs: number): void {
    if (this.watching || this.stopped || this.warmTimer) return;
    const warmTick = (): void => {
      if (this.watching || this.stopped) return;
      const t = now();
      let booting = false;
      for (const s of this.states.values()) {
        if (!s.seen) booting = true;
        if (!s.inFlight && !(s.seen && t - s.lastOk < periodMs)) void this.pingOnce(s, true);
      }
      // once every peer has answered, wake up only as often as the connections need
      this.warmTimer = setTimeout(warmTick, booting ? this.opts.intervalMs : periodMs);
    };
    warmTick();
  }

  /**
   * Begin watching: every peer alive as of now, its silence deadline armed, a ping to every peer
   * after `firstTickMs` (0 = now) and then every intervalMs. Idempotent.
   */
  start(firstTickMs = 0): void {
    if (this.watching || this.stopped) return;
    this.watching = true;
    if (this.warmTimer) clearTimeout(this.warmTimer);
    const at = now();
    for (const s of this.states.values()) {
      s.lastOk = at;
      this.arm(s);
    }
    const begin = () => {
      if (this.stopped) return;
      this.tick();
      this.ticker = setInterval(() => this.tick(), this.opts.intervalMs);
    };
    if (firstTickMs <= 0) begin();
    else this.ticker = setTimeout(begin, firstTickMs);
  }

  /** Stop all timers; no more events. */
  stop(): void {
    this.stopped = true;
    if (this.warmTimer) clearTimeout(this.warmTimer);
    if (this.ticker) clearInterval(this.ticker);
    for (const s of this.states.values()) if (s.deadline) clearTimeout(s.deadline);
  }

  /** Peers of `group` currently believed alive, in configuration order. */
  alive(group: string): AgentPeer[] {
    const out: AgentPeer[] = [];
    for (const s of this.states.values()) if (s.alive && s.peer.group === group) out.push(s.peer);
    return out;
  }

  /** Every peer currently believed alive. */
  allAlive(): AgentPeer[] {
    return [...this.states.values()].filter((s) => s.alive).map((s) => s.peer);
  }

  /** Is `id` a peer currently believed alive. */
  isAlive(id: string): boolean {
    return this.states.get(id)?.alive ?? false;
  }

  /** Record a successful exchange with `id` (a send that got a reply counts like a ping). */
  recordSuccess(id: string): void {
    const s = this.states.get(id);
    if (!s || this.stopped) return;
    const at = now();
    s.lastOk = at;
    s.seen = true;
    if (!this.watching) return;
    if (!s.alive) {
      s.alive = true;
      s.awaitingReconnect = true;
      this.opts.emit({ type: 'rejoin', at, peer: id });
      this.arm(s);
    } else if (s.awaitingReconnect) {
      s.awaitingReconnect = false;
      this.opts.emit({ type: 'reconnect', at, peer: id });
    }
  }

  /** Record a failed exchange; a refused connection to a peer seen before is proof of death. */
  recordFailure(id: string, err: unknown): void {
    const s = this.states.get(id);
    if (!s || this.stopped || !this.watching || !s.alive) return;
    if (s.seen && errorCode(err) === 'ECONNREFUSED') this.declareDead(s, 'refused');
  }

  private declareDead(s: PeerState, evidence: DetectEvidence): void {
    s.alive = false;
    s.awaitingReconnect = false;
    if (s.deadline) clearTimeout(s.deadline);
    s.deadline = undefined;
    this.opts.emit({ type: 'detect', at: now(), peer: s.peer.id, evidence });
    this.opts.onDead?.(s.peer);
  }

  /** Arm the silence timer for exactly lastOk + timeoutMs. */
  private arm(s: PeerState): void {
    if (s.deadline) clearTimeout(s.deadline);
    const wait = Math.max(1, Math.ceil(s.lastOk + this.opts.timeoutMs - now()));
    s.deadline = setTimeout(() => this.onDeadline(s), wait);
  }

  private onDeadline(s: PeerState): void {
    s.deadline = undefined;
    if (this.stopped || !s.alive) return;
    // A success since arming moved the deadline; timers may also fire a hair early.
    if (now() < s.lastOk + this.opts.timeoutMs) return this.arm(s);
    this.declareDead(s, 'silence');
  }

  private tick(): void {
    for (const s of this.states.values()) if (!s.inFlight) void this.pingOnce(s, true);
  }

  private async pingOnce(s: PeerState, retryOnReset: boolean): Promise<void> {
    if (this.stopped) return;
    s.inFlight = true;
    try {
      const ok = await this.opts.ping(s.peer, this.opts.timeoutMs);
      s.inFlight = false;
      if (ok) this.recordSuccess(s.peer.id);
    } catch (err) {
      s.inFlight = false;
      // A pooled socket the peer closed while dying fails with a reset; a fresh connection tells
      // refused (dead) from a glitch without waiting for the next tick.
      if (retryOnReset && errorCode(err) === 'ECONNRESET') return this.pingOnce(s, false);
      this.recordFailure(s.peer.id, err);
    }
  }
}
