/**
 * The Agora server of one agent (working standard v0.2). Routes, under the base URL `/` (also
 * `/agora`):
 * - `POST /` — `{protocolHash, protocolSources, body, multiround}` → HTTP 200 `{status, body}` or
 *   `{status: "failure", error}`. A hash the agent supports (known, or resolved and verified from the
 *   sources: cache.ts) runs its routine; any other hash gets `Unsupported protocol` (§8.3);
 *   `protocolHash: null` is natural language (understand.ts). `multiround: true` opens a conversation.
 * - `POST /conversations/<id>` — a follow-up: 404 for an unknown id, `Conversation expired` after it.
 * - `GET /wellknown` — the supported hashes and their sources (§9).
 * - `GET /protocol/<hash>` — storm's document, the source its own messages name.
 * - `GET /health` — storm's addition for readiness and heartbeats (Agora defines none).
 * Malformed JSON is HTTP 400, an oversized body 413, an unknown route 404 (§10.1).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { keepAliveAgent } from '../http-client.js';
import { readBody, sendJson } from '../http-io.js';
import { closeHttp, listenHttp } from '../http-server.js';
import { callHandler } from '../json/server.js';
import type { AgentMessage, AgentReply, MessageHandler, ProtocolServer, ServeOptions } from '../types.js';
import { ProtocolCache } from './cache.js';
import { Conversations } from './conversations.js';
import { publishedDocuments } from './documents.js';
import { canonicalHash } from './hash.js';
import * as natural from './natural.js';
import {
  checkRequest,
  CONVERSATION_EXPIRED,
  failure,
  UNSUPPORTED_PROTOCOL,
  type AgoraRequest,
  type AgoraResponse,
} from './request.js';
import { stormRoutine, type AgoraRoutine } from './routines.js';
import { understand } from './understand.js';

/** A running Agora server; `cache` is exposed so tests and benchmarks can read its fetch count. */
export interface AgoraServer extends ProtocolServer {
  cache: ProtocolCache;
}

/** Test knobs: other routines than storm's, conversation lifetime, a clock. */
export interface AgoraServerTuning {
  routines?: readonly AgoraRoutine[];
  conversationTtlMs?: number;
  now?: () => number;
}

/** Bounded request body (§10.1: 413 past it). */
const MAX_REQUEST_BYTES = 1 << 20;

/** Start an Agora agent server; resolves once it listens. */
export async function serveAgora(opts: ServeOptions, tuning: AgoraServerTuning = {}): Promise<AgoraServer> {
  const agent = keepAliveAgent();
  const cache = new ProtocolCache(agent, tuning.routines ?? [stormRoutine]);
  const conversations = new Conversations(tuning.conversationTtlMs, tuning.now);
  const answer = answerer(cache, opts.handler);

  const post = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    conversationId: string | null,
  ): Promise<void> => {
    const text = await readBody(req, MAX_REQUEST_BYTES);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return sendJson(res, 400, failure('Malformed JSON'));
    }
    const checked = checkRequest(json);
    if ('status' in checked) return sendJson(res, 200, checked);
    if (conversationId === null) {
      const out = await answer(checked, checked.protocolHash);
      if (checked.multiround && out.status === 'success')
        Object.assign(out, conversations.start(canonicalOrRaw(checked.protocolHash)));
      return sendJson(res, 200, out);
    }
    const found = conversations.find(conversationId);
    if (found.state === 'unknown') return sendJson(res, 404, failure('Unknown conversation'));
    if (found.state === 'expired') return sendJson(res, 200, failure(CONVERSATION_EXPIRED));
    // §7.2: follow-ups carry no protocolHash; the reference sender repeats the same one, which is harmless.
    if (checked.protocolHash !== null && canonicalOrRaw(checked.protocolHash) !== found.protocolHash) {
      return sendJson(res, 400, failure('protocolHash cannot change within a conversation'));
    }
    const out = await answer(checked, found.protocolHash);
    if (out.status === 'success') out.conversationExpires = conversations.extend(conversationId);
    sendJson(res, 200, out);
  };

  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const full = (req.url ?? '/').split('?')[0];
    const path = full === '/agora' ? '/' : full.startsWith('/agora/') ? full.slice(6) : full;
    if (req.method === 'POST' && path === '/') return post(req, res, null);
    if (req.method === 'POST' && path.startsWith('/conversations/'))
      return post(req, res, decodeURIComponent(path.slice(15)));
    if (req.method === 'GET' && path === '/health') return sendJson(res, 200, { status: 'ok', id: opts.id });
    if (req.method === 'GET' && path === '/wellknown') return sendJson(res, 200, cache.supported());
    const doc =
      req.method === 'GET' && path.startsWith('/protocol/') ? publishedDocuments.get(path.slice(10)) : undefined;
    if (doc !== undefined) {
      res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8', 'content-length': Buffer.byteLength(doc) });
      return void res.end(doc);
    }
    sendJson(res, 404, failure(`No route ${req.method} ${full}`));
  };

  const server = http.createServer({ keepAlive: true }, (req, res) => {
    route(req, res).catch((err) => {
      if (res.headersSent) return void res.destroy();
      const code = (err as { code?: string }).code;
      // A URIError comes from a conversation id with a broken %-escape: the client's fault.
      if (code === 'EBODY')
        sendJson(res, 413, failure(`Request body larger than ${MAX_REQUEST_BYTES} bytes`), { connection: 'close' });
      else if (err instanceof URIError) sendJson(res, 400, failure('Malformed conversation id'));
      else sendJson(res, 500, failure(`Internal error: ${(err as Error).message ?? String(err)}`));
    });
  });
  const port = await listenHttp(server, opts.port, opts.host || '127.0.0.1', opts.meter);
  return {
    url: `http://${opts.host || '127.0.0.1'}:${port}`,
    port,
    cache,
    close: () => {
      agent.destroy();
      return closeHttp(server);
    },
  };
}

/** Conversations remember the canonical hash, so a follow-up may name the same protocol in either form. */
function canonicalOrRaw(hash: string | null): string | null {
  return hash === null ? null : (canonicalHash(hash) ?? hash);
}

/** The Agora answer to a checked request under `protocolHash` (null: natural language). */
function answerer(
  cache: ProtocolCache,
  handler: MessageHandler,
): (req: AgoraRequest, protocolHash: string | null) => Promise<AgoraResponse> {
  const prefix = randomUUID().slice(0, 8);
  let n = 0;
  const newId = (): string => `agora-${prefix}-${++n}`;
  const handle = (msg: AgentMessage): Promise<AgentReply> => callHandler(handler, msg);
  return async (req, protocolHash) => {
    if (protocolHash === null) {
      const understood = understand(req.body, newId);
      if (typeof understood === 'string') return failure(`Could not understand the request: ${understood}`);
      const reply = await handle(understood.msg);
      return {
        status: 'success',
        body: understood.template ? natural.renderReply(reply) : natural.renderPlainReply(reply),
      };
    }
    const hash = canonicalHash(protocolHash);
    if (hash === null) return failure(UNSUPPORTED_PROTOCOL);
    const known = await cache.lookup(hash, req.protocolSources);
    if (!known.ok) return failure(UNSUPPORTED_PROTOCOL);
    return { status: 'success', body: await known.routine.run(req.body, handler) };
  };
}
