/**
 * The interface behind every built-in tool (one file each in src/tools/). An agent runs exactly
 * one tool; `run` handles a task step, `onPeerMessage` handles internal messages between agents
 * (e.g. shard_lookup's `lookup`).
 */
import type { Prng } from '../util/prng.js';
import type { AgentMessage, AgentReply, PeerInfo } from '../protocols/types.js';
import type { ToolSpec } from '../scenario/types.js';
import type { ShardData } from './shard-data.js';

/** What the detector tells a tool about peers. */
/** A peer an agent may talk to, with its group (tools route by group). */
export interface AgentPeer extends PeerInfo {
  group: string;
}

export interface PeerView {
  /** Peers of `group` believed alive. */
  alive(group: string): AgentPeer[];
  /** Every peer believed alive. */
  allAlive(): AgentPeer[];
  isAlive(id: string): boolean;
}

/** Everything a tool may use. */
export interface ToolContext {
  /** This agent's id and group. */
  id: string;
  group: string;
  detector: PeerView;
  /** Send to a peer; rejects on a failed send (refused, 5xx, timeout). */
  sendToPeer(peer: AgentPeer, msg: AgentMessage): Promise<AgentReply>;
  prng: Prng;
  /** The agent's data file, when it has one. */
  data?: ShardData;
  /** The agent's private directory (exec's working directory). */
  workspace: string;
  /** The scenario's directory, when known (exec resolves `./x` arguments against it). */
  baseDir?: string;
  /** Per-send timeout (exec uses it as its per-message time limit). */
  sendTimeoutMs: number;
  /** A fresh message id. */
  newId(): string;
}

/** A built-in tool. */
export interface Tool {
  /** Run one task step on `msg.content`; the result is the step's output. A throw is an error reply. */
  run(msg: AgentMessage, ctx: ToolContext): Promise<string>;
  /** Handle an internal message from a peer (types listed in INTERNAL_TYPES). */
  onPeerMessage?(msg: AgentMessage, ctx: ToolContext): Promise<AgentReply>;
}

/** Builds a tool from its configuration. */
export type ToolFactory = (spec: ToolSpec) => Tool;

/** Message types that are agent-to-agent plumbing, not steps of the flow. */
export const INTERNAL_TYPES = new Set(['lookup']);
