/**
 * The A2A side of a storm peer connection, built on the SDK's ClientFactory. The first send reads the
 * peer's agent card (discovery) and picks its JSON-RPC interface; a send that fails below the A2A
 * layer (refused, reset, timeout, an HTTP error without a JSON-RPC body) drops the client, so the
 * next send discovers the card again — that re-read is part of what recovery costs under A2A.
 * The SDK's v0.3 compatibility is on everywhere: a v0.3 card (top-level `url`, no
 * `supportedInterfaces`) gets the v0.3 wire (`message/send`), a v1.0 or hybrid card the v1.0 wire.
 */
import type { Agent } from 'node:http';
import { AGENT_CARD_PATH, A2A_PROTOCOL_VERSION, A2A_VERSION_HEADER } from '@a2a-js/sdk';
import { ClientFactory, ClientFactoryOptions, JsonRpcTransportFactory, RestTransportFactory } from '@a2a-js/sdk/client';
import type { Client } from '@a2a-js/sdk/client';
import { keepAliveAgent, requestJson } from '../http-client.js';
import type { AgentMessage, AgentReply, PeerConnection, PeerInfo, Reauthenticating } from '../types.js';
import { toA2AMessage, toReply } from './codec.js';
import { createNodeFetch } from './node-fetch.js';
import { a2aError, isProtocolError } from './errors.js';
import { cardResolver } from './card-resolver.js';
import { pinnedVersion } from './versions.js';

/** One peer, one lazily discovered SDK client, one keep-alive socket pool. */
export class A2APeerConnection implements PeerConnection, Reauthenticating {
  private readonly agent: Agent = keepAliveAgent();
  private readonly fetch = createNodeFetch(this.agent);
  private readonly factory: ClientFactory;
  private client: Promise<Client> | undefined;
  /** Deadline of the send that triggered discovery: createFromUrl takes no signal of its own. */
  private discoverySignal: AbortSignal | undefined;
  private cardEtag: string | undefined;
  private readonly cardUrl: string;
  /** Headers of the heartbeat's card GET: what a client of the pinned version would send. */
  private readonly pingHeaders: Record<string, string>;

  constructor(private readonly peer: PeerInfo) {
    this.cardUrl = `${peer.url.replace(/\/+$/, '')}/${AGENT_CARD_PATH}`;
    const version = pinnedVersion(peer.protocolVersion);
    // A v0.3 client sends no A2A-Version header; a server speaking both then answers with its v0.3 card.
    this.pingHeaders = version === '0.3' ? {} : { [A2A_VERSION_HEADER]: A2A_PROTOCOL_VERSION };
    const fetchImpl: typeof fetch = (input, init) =>
      this.fetch(input, { ...init, signal: init?.signal ?? this.discoverySignal });
    const legacyCompat = { enabled: true };
    this.factory = new ClientFactory(
      ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
        transports: [
          new JsonRpcTransportFactory({ fetchImpl, legacyCompat }),
          new RestTransportFactory({ fetchImpl, legacyCompat }),
        ],
        preferredTransports: ['JSONRPC'],
        cardResolver: cardResolver(fetchImpl, version),
      }),
    );
  }

  /** Number of card discoveries so far; a test hook to observe re-discovery after failures. */
  discoveries = 0;

  private discover(signal: AbortSignal): Promise<Client> {
    if (!this.client) {
      this.discoverySignal = signal;
      this.discoveries++;
      const pending = this.factory.createFromUrl(this.peer.url);
      this.client = pending;
      pending.then(
        () => this.endDiscovery(signal),
        () => {
          this.endDiscovery(signal);
          if (this.client === pending) this.client = undefined;
        },
      );
    }
    return this.client;
  }

  private endDiscovery(signal: AbortSignal): void {
    if (this.discoverySignal === signal) this.discoverySignal = undefined;
  }

  /** SendMessage (v1.0) or message/send (v0.3) over JSON-RPC; discovers the card first when there is no client yet. */
  async send(msg: AgentMessage, timeoutMs: number): Promise<AgentReply> {
    const signal = AbortSignal.timeout(timeoutMs);
    const pending = this.discover(signal);
    try {
      const client = await raceSignal(pending, signal);
      const result = await client.sendMessage(
        { tenant: '', message: toA2AMessage(msg), configuration: undefined, metadata: undefined },
        { signal },
      );
      return toReply(result);
    } catch (err) {
      if (!isProtocolError(err) && this.client === pending) this.client = undefined;
      throw a2aError(err, `a2a send to ${this.peer.id}`, timeoutMs, signal);
    }
  }

  /**
   * Heartbeat: a conditional GET of the agent card — the request every A2A client makes to find an
   * agent, so a live answer means the A2A stack (not just the socket) is up. After the first 200,
   * If-None-Match turns the answer into a body-less 304.
   */
  async ping(timeoutMs: number): Promise<boolean> {
    const headers: Record<string, string> = { ...this.pingHeaders };
    if (this.cardEtag) headers['if-none-match'] = this.cardEtag;
    const res = await requestJson(this.agent, this.cardUrl, { method: 'GET', headers, timeoutMs });
    if (res.status === 200) this.cardEtag = firstHeader(res.headers.etag);
    return res.status === 200 || res.status === 304;
  }

  /** The peer was declared dead: forget its card, so a peer that comes back is discovered afresh. */
  reset(): void {
    this.client = undefined;
    this.cardEtag = undefined;
  }

  /** Forget the client and drop pooled sockets. */
  close(): void {
    this.client = undefined;
    this.agent.destroy();
  }
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
