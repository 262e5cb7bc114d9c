/**
 * The Agora client side of one peer. Each message is offered under storm's protocol hash with the
 * document's URL in `protocolSources`; a receiver that does not know the hash fetches the document
 * first (that fetch is the negotiation cost, paid again whenever the receiver restarts). If the
 * receiver answers `rejected`, the message is sent again in natural language (`protocolHash: null`),
 * and this connection keeps using natural language until `reset()` — more bytes per message, all
 * counted on the wire.
 */
import type http from 'node:http';
import { keepAliveAgent, requestJson, retryOnReset, transportError } from '../http-client.js';
import type { AgentMessage, AgentReply, ConnectOptions, PeerConnection, PeerInfo, Reauthenticating } from '../types.js';
import { STORM_PROTOCOL_HASH } from './documents.js';
import * as natural from './natural.js';
import { documentHost } from './self-host.js';

/** Test and benchmark knobs: advertise another hash or other sources than the real ones. */
export interface AgoraClientTuning {
  protocolHash?: string;
  protocolSources?: string[];
}

/** A PeerConnection speaking Agora to one peer. */
export class AgoraPeerConnection implements PeerConnection, Reauthenticating {
  /** Messages this connection sent in natural language after a rejection. */
  fallbacks = 0;
  /** Rejections received. */
  rejections = 0;
  private readonly agent: http.Agent = keepAliveAgent();
  private readonly endpoint: string;
  private readonly healthUrl: string;
  private readonly hash: string;
  private readonly sources: Promise<string[]>;
  private naturalOnly = false;

  constructor(peer: PeerInfo, opts: ConnectOptions, tuning: AgoraClientTuning = {}) {
    const base = peer.url.replace(/\/+$/, '');
    this.endpoint = `${base}/`;
    this.healthUrl = `${base}/health`;
    this.hash = tuning.protocolHash ?? STORM_PROTOCOL_HASH;
    const docPath = `/protocol/${STORM_PROTOCOL_HASH}`;
    this.sources = tuning.protocolSources
      ? Promise.resolve(tuning.protocolSources)
      : opts.selfUrl
        ? Promise.resolve([`${opts.selfUrl.replace(/\/+$/, '')}${docPath}`])
        : documentHost(opts.meter).then((host) => [`${host}${docPath}`]);
    this.sources.catch(() => undefined); // surfaced by the first send instead
  }

  /** Send under the protocol, or in natural language once the peer has rejected it. */
  async send(msg: AgentMessage, timeoutMs: number): Promise<AgentReply> {
    const deadline = Date.now() + timeoutMs;
    if (!this.naturalOnly) {
      const out = await this.post({ protocolHash: this.hash, protocolSources: await this.sources, body: JSON.stringify(msg) }, deadline);
      if (out.status !== 'rejected') return out.status === 'success' ? structuredReply(out.body) : { ok: false, error: out.body };
      this.rejections++;
      this.naturalOnly = true;
    }
    this.fallbacks++;
    const out = await this.post({ protocolHash: null, protocolSources: null, body: natural.renderMessage(msg) }, deadline);
    if (out.status === 'success') return natural.parseReply(out.body);
    return { ok: false, error: `${out.status}: ${out.body}` };
  }

  /** GET /health; a reset pooled socket is retried once on a fresh connection. */
  async ping(timeoutMs: number): Promise<boolean> {
    return retryOnReset(timeoutMs, async (left) => (await requestJson(this.agent, this.healthUrl, { timeoutMs: left })).status === 200);
  }

  /** Offer the structured protocol again (e.g. the peer restarted). */
  reset(): void {
    this.naturalOnly = false;
  }

  /** Drop pooled sockets. */
  close(): void {
    this.agent.destroy();
  }

  private async post(request: unknown, deadline: number): Promise<{ status: string; body: string }> {
    const res = await requestJson(this.agent, this.endpoint, { method: 'POST', body: request, timeoutMs: Math.max(1, deadline - Date.now()) });
    const b = res.body as { status?: unknown; body?: unknown } | undefined;
    if (res.status !== 200 || !b || typeof b.status !== 'string') {
      throw transportError(res.status === 200 ? 'EBADREPLY' : `HTTP_${res.status}`, `Agora answer ${res.status} from ${this.endpoint}`, res.status);
    }
    return { status: b.status, body: typeof b.body === 'string' ? b.body : '' };
  }
}

function structuredReply(body: string): AgentReply {
  let b: Partial<AgentReply> | null = null;
  try {
    b = JSON.parse(body) as Partial<AgentReply>;
  } catch {
    // falls through to the error below
  }
  if (!b || typeof b !== 'object' || typeof b.ok !== 'boolean') throw transportError('EBADREPLY', 'reply body does not follow the protocol');
  return b.ok ? { ok: true, content: typeof b.content === 'string' ? b.content : '' } : { ok: false, error: String(b.error ?? 'error') };
}

/** Connect to an Agora peer as `opts.self`. */
export function connectAgora(peer: PeerInfo, opts: ConnectOptions, tuning?: AgoraClientTuning): AgoraPeerConnection {
  return new AgoraPeerConnection(peer, opts, tuning);
}
