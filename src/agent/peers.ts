/**
 * One PeerConnection per peer, shared by the detector (pings) and the handler and tools (sends),
 * so protocol session state (tokens, cached documents) is kept once per peer. Every exchange's
 * outcome is reported to the failure detector: a reply is evidence of life, a refusal of death.
 * When the detector declares a peer dead, sends still waiting on it are abandoned at once
 * (code EPEERDEAD) so a forward to a hung peer moves on instead of waiting out its send timeout.
 */
import type { AgentPeer } from './contract.js';
import type { FailureDetector } from './detector.js';
import { transportError } from '../protocols/http-client.js';
import type {
  AgentMessage,
  AgentReply,
  ConnectOptions,
  PeerConnection,
  Protocol,
  Reauthenticating,
} from '../protocols/types.js';

/** The agent's connections to its peers. */
export class PeerPool {
  private readonly conns = new Map<string, PeerConnection>();
  /** Per peer, how to abandon each send in flight. */
  private readonly waiting = new Map<string, Set<(err: Error) => void>>();
  private detector: FailureDetector | undefined;

  constructor(
    private readonly protocol: Protocol,
    private readonly self: ConnectOptions,
    private readonly sendTimeoutMs: number,
  ) {}

  /** Wire the detector in after construction (it pings through this pool). */
  attach(detector: FailureDetector): void {
    this.detector = detector;
  }

  private conn(peer: AgentPeer): PeerConnection {
    let c = this.conns.get(peer.id);
    if (!c) {
      c = this.protocol.connect(peer, this.self);
      this.conns.set(peer.id, c);
    }
    return c;
  }

  /** Send one message; rejects on a failed send (after telling the detector). */
  async send(peer: AgentPeer, msg: AgentMessage, timeoutMs = this.sendTimeoutMs): Promise<AgentReply> {
    let abandon!: (err: Error) => void;
    const abandoned = new Promise<never>((_, reject) => (abandon = reject));
    const waiting = this.waiting.get(peer.id) ?? new Set();
    this.waiting.set(peer.id, waiting);
    waiting.add(abandon);
    try {
      const reply = await Promise.race([this.conn(peer).send(msg, timeoutMs), abandoned]);
      this.detector?.recordSuccess(peer.id);
      return reply;
    } catch (err) {
      this.detector?.recordFailure(peer.id, err);
      throw err;
    } finally {
      waiting.delete(abandon);
    }
  }

  /** The peer was declared dead: give up on its sends in flight, drop its session state. */
  peerDied(peer: AgentPeer): void {
    for (const abandon of this.waiting.get(peer.id) ?? [])
      abandon(transportError('EPEERDEAD', `${peer.id} was declared dead`));
    this.reset(peer);
  }

  /** One heartbeat (the detector records the outcome itself). */
  ping(peer: AgentPeer, timeoutMs: number): Promise<boolean> {
    return this.conn(peer).ping(timeoutMs);
  }

  /** Drop session state kept for a peer that may come back as a new process. */
  reset(peer: AgentPeer): void {
    const c = this.conns.get(peer.id) as (PeerConnection & Partial<Reauthenticating>) | undefined;
    if (typeof c?.reset === 'function') c.reset();
  }

  /** Close every connection. */
  close(): void {
    for (const c of this.conns.values()) c.close();
    this.conns.clear();
  }
}
