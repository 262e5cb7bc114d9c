/**
 * The json protocol's client: one keep-alive connection pool per peer, `send` = POST /message,
 * `ping` = GET /health. Anything but a 200 with a reply body is a failed send (SPEC §8).
 */
import type http from 'node:http';
import { keepAliveAgent, requestJson, transportError } from '../http-client.js';
import { pollGet } from '../ready.js';
import type { AgentMessage, AgentReply, ConnectOptions, PeerConnection, PeerInfo } from '../types.js';

function toReply(body: unknown): AgentReply {
  const b = body as Partial<AgentReply> | null;
  if (!b || typeof b !== 'object' || typeof b.ok !== 'boolean') {
    throw transportError('EBADREPLY', 'reply is not {"ok": …}');
  }
  return b.ok
    ? { ok: true, content: typeof b.content === 'string' ? b.content : '' }
    : { ok: false, error: typeof b.error === 'string' ? b.error : 'error' };
}

/** A PeerConnection speaking the json protocol to `peer`. */
export class JsonPeerConnection implements PeerConnection {
  private readonly agent: http.Agent = keepAliveAgent();
  private readonly messageUrl: URL;
  private readonly healthUrl: URL;

  // json carries no identity on the wire, so the caller's ConnectOptions are not needed.
  constructor(peer: PeerInfo, _opts?: ConnectOptions) {
    const base = peer.url.replace(/\/+$/, '');
    this.messageUrl = new URL(`${base}/message`);
    this.healthUrl = new URL(`${base}/health`);
  }

  /** POST the message; resolves with the peer's reply, rejects on a failed send. */
  async send(msg: AgentMessage, timeoutMs: number): Promise<AgentReply> {
    const res = await requestJson(this.agent, this.messageUrl, { method: 'POST', body: msg, timeoutMs });
    if (res.status !== 200)
      throw transportError(`HTTP_${res.status}`, `HTTP ${res.status} from ${this.messageUrl}`, res.status);
    return toReply(res.body);
  }

  /** GET /health; true on 200. */
  async ping(timeoutMs: number): Promise<boolean> {
    const res = await requestJson(this.agent, this.healthUrl, { method: 'GET', timeoutMs });
    return res.status === 200;
  }

  /** Drop pooled sockets. */
  close(): void {
    this.agent.destroy();
  }
}

/** Poll GET /health every ~20 ms until it answers 200 or the deadline passes. */
export async function jsonReady(url: string, timeoutMs: number): Promise<boolean> {
  return pollGet(new URL(`${url.replace(/\/+$/, '')}/health`), timeoutMs);
}
