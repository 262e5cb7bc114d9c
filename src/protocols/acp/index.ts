/** The acp protocol: IBM/BeeAI Agent Communication Protocol REST API (SPEC §7). */
import type { Protocol } from '../types.js';
import { AcpPeerConnection, acpReady } from './client.js';
import { serveAcp } from './server.js';

/** ACP: `POST /runs` (sync) per message, `GET /ping` as heartbeat and readiness. */
export const acpProtocol: Protocol = {
  name: 'acp',
  serve: (opts) => serveAcp(opts),
  connect: (peer) => new AcpPeerConnection(peer),
  ready: (url, timeoutMs) => acpReady(url, timeoutMs),
};
