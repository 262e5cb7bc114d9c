/**
 * The driver's own failure detector: the `client` heartbeats the agents it sends tasks to, over the
 * cell's protocol, with the scenario's interval and timeout — the same rule as the agents' detector
 * (a refused connection means dead at once; otherwise dead when no answer for `timeout`).
 *
 * Each peer is pinged once per interval, but not all at the same moment: the peers are dealt into
 * slots spread over the interval. Pinging 100 agents in one go blocked the driver's loop for
 * ≈ 150 ms every interval, and every task due meanwhile was issued late (docs/benchmarks.md).
 */
import type { PeerConnection } from '../protocols/types.js';
import { monotonicMs } from './clock.js';

interface Watched {
  conn: PeerConnection;
  lastOk: number;
  alive: boolean;
  inFlight: boolean;
  deadline?: NodeJS.Timeout;
}

/** Heartbeats a set of peers; `isAlive(id)` is the driver's current belief. */
export class ClientMonitor {
  private readonly peers = new Map<string, Watched>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly intervalMs: number,
    private readonly timeoutMs: number,
  ) {}

  /** Watch a peer through an existing connection. */
  watch(id: string, conn: PeerConnection): void {
    const p: Watched = { conn, lastOk: monotonicMs(), alive: true, inFlight: false };
    this.peers.set(id, p);
    this.armDeadline(p);
  }

  /** Start heartbeating: slot 0 now, slot k at k × interval / slots, each slot again every interval. */
  start(): void {
    const peers = [...this.peers.values()];
    const slots = heartbeatSlots(peers.length, this.intervalMs);
    let tick = 0;
    const beat = (): void => {
      const slot = tick++ % slots;
      for (let i = slot; i < peers.length; i += slots) this.ping(peers[i]);
    };
    beat();
    this.timer = setInterval(beat, this.intervalMs / slots);
  }

  /** Is the peer believed alive? */
  isAlive(id: string): boolean {
    return this.peers.get(id)?.alive ?? false;
  }

  /** A failed send is evidence too: a refused connection marks the peer dead at once. */
  reportRefused(id: string): void {
    const p = this.peers.get(id);
    if (p) p.alive = false;
  }

  /** Stop all timers. */
  stop(): void {
    clearInterval(this.timer);
    for (const p of this.peers.values()) clearTimeout(p.deadline);
  }

  private ping(p: Watched): void {
    if (p.inFlight) return;
    p.inFlight = true;
    p.conn
      .ping(this.timeoutMs)
      .then((ok) => (ok ? this.ok(p) : undefined))
      .catch((err: { code?: string }) => {
        if (err?.code === 'ECONNREFUSED') p.alive = false;
      })
      .finally(() => (p.inFlight = false));
  }

  private ok(p: Watched): void {
    p.lastOk = monotonicMs();
    p.alive = true;
    this.armDeadline(p);
  }

  /** Declared dead exactly when the timeout passes without a newer answer. */
  private armDeadline(p: Watched): void {
    clearTimeout(p.deadline);
    p.deadline = setTimeout(() => {
      if (monotonicMs() - p.lastOk >= this.timeoutMs - 1) p.alive = false;
    }, this.timeoutMs);
  }
}

/** Slots a heartbeat interval is dealt into: one per peer, but no closer together than 20 ms. */
export function heartbeatSlots(peers: number, intervalMs: number): number {
  return Math.max(1, Math.min(peers, Math.floor(intervalMs / 20)));
}
