/** The a2a protocol: Agent2Agent v1.0 and v0.3 through @a2a-js/sdk 1.3, server and client (SPEC §7). */
import type { Protocol } from '../types.js';
import { A2APeerConnection } from './client.js';
import { a2aReady } from './ready.js';
import { serveA2A } from './server.js';

/** A2A: agent card at /.well-known/agent-card.json, JSON-RPC SendMessage, card GET as heartbeat. */
export const a2aProtocol: Protocol = {
  name: 'a2a',
  serve: (opts) => serveA2A(opts),
  connect: (peer) => new A2APeerConnection(peer),
  ready: (url, timeoutMs, protocolVersion) => a2aReady(url, timeoutMs, protocolVersion),
};
