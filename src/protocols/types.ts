/**
 * The one interface every protocol implements (json, a2a, acp, anp, agora), one folder each.
 * The same agent behaviour sits behind it; only the wire differs. The driver (the runner's
 * `client`) and the built-in agents both use `connect`; agents use `serve`.
 */
import type { ProtocolName } from '../scenario/types.js';

/** The message every protocol carries (SPEC §8 is its plain-JSON form). */
export interface AgentMessage {
  id: string;
  task_id: string;
  step: number;
  /** Agent id of the sender, or `client`. */
  from: string;
  /** message_type from the flow, or an internal type such as `lookup`. */
  type: string;
  content: string;
  ttl: number;
}

/** A reply. `ok: false` is an error reply (the send itself worked). */
export interface AgentReply {
  ok: boolean;
  content?: string;
  error?: string;
}

/** Handles one delivered message; a throw becomes an error reply. */
export type MessageHandler = (msg: AgentMessage) => Promise<AgentReply>;

/** Who an agent is, as its peers and the driver see it. */
export interface PeerInfo {
  id: string;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Protocol version the peer is pinned to (a group's `protocol_version`); absent: negotiate. */
  protocolVersion?: string;
}

/** Counts bytes and requests at the transport (server sockets, both directions). */
export interface WireMeter {
  add(bytes: number, messages: number): void;
}

export interface ServeOptions {
  id: string;
  /** Always 127.0.0.1. */
  host: string;
  /** 0 = any free port. */
  port: number;
  /** Private directory of this agent (keys, caches that must die with the process go in memory). */
  workspace: string;
  handler: MessageHandler;
  meter?: WireMeter;
}

export interface ProtocolServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** The caller's identity (agent id or `client`); protocols with identities sign as it. */
  self: string;
  /** The caller's own base URL when it is an agent (ANP: where its DID document lives). */
  selfUrl?: string;
  /** Caller's workspace (ANP: where its key lives). */
  workspace?: string;
  /** Meter for a server the caller side itself must run (ANP/Agora without selfUrl: the small server
   *  publishing the caller's DID document / protocol documents), so peers' fetches from it count too. */
  meter?: WireMeter;
}

/** A client-side handle on one peer. Holds whatever session state the protocol keeps. */
export interface PeerConnection {
  /** Send one message and wait for the reply; rejects on a failed send (refused, 5xx, timeout). */
  send(msg: AgentMessage, timeoutMs: number): Promise<AgentReply>;
  /** One heartbeat over the protocol's own requests; resolves true when the peer answered. Rejects with
   *  an error whose `code` is 'ECONNREFUSED' when the connection was refused (a dead process). */
  ping(timeoutMs: number): Promise<boolean>;
  close(): void;
}

/** Optional capability: a protocol whose session state must be dropped when a peer restarts. */
export interface Reauthenticating {
  /** Forget tokens / caches for this peer (the peer lost its state). */
  reset(): void;
}

export interface Protocol {
  name: ProtocolName;
  serve(opts: ServeOptions): Promise<ProtocolServer>;
  connect(peer: PeerInfo, opts: ConnectOptions): PeerConnection;
  /** Readiness probe with the protocol's own request (json: /health, a2a: card, acp: /ping, anp: DID doc, agora: health).
   *  `protocolVersion`: the version the agent is pinned to, which it must offer to be ready. */
  ready(url: string, timeoutMs: number, protocolVersion?: string): Promise<boolean>;
}
