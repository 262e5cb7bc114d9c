/**
 * The Agora server of one agent. `POST /` (or `/agora`) takes `{protocolHash, protocolSources, body}`
 * and answers `{status, body}`:
 * - a known or fetchable-and-verified protocol hash → `body` is storm's message JSON → `success`;
 * - an unknown hash whose document cannot be fetched, does not match its hash, or has no routine →
 *   `rejected` (the sender then falls back to natural language);
 * - `protocolHash: null` → `body` is natural language, read by the rule-based parser in natural.ts.
 * It also publishes storm's protocol document at `GET /protocol/<hash>` (the source its own
 * messages name) and answers `GET /health` for readiness and heartbeats (storm's addition: Agora
 * defines no health route).
 */
import http from 'node:http';
import { keepAliveAgent } from '../http-client.js';
import { readBody, sendJson } from '../http-io.js';
import { closeHttp, listenHttp } from '../http-server.js';
import { callHandler, parseMessage as parseJsonMessage, replyBody } from '../json/server.js';
import type { AgentMessage, AgentReply, ProtocolServer, ServeOptions } from '../types.js';
import { ProtocolCache } from './cache.js';
import { publishedDocuments } from './documents.js';
import * as natural from './natural.js';

/** A running Agora server; `cache` is exposed so tests and benchmarks can read its fetch count. */
export interface AgoraServer extends ProtocolServer {
  cache: ProtocolCache;
}

type Outcome = { status: 'success' | 'failure' | 'rejected'; body: string };

/** Start an Agora agent server; resolves once it listens. */
export async function serveAgora(opts: ServeOptions): Promise<AgoraServer> {
  const agent = keepAliveAgent();
  const cache = new ProtocolCache(agent);

  const handle = (msg: AgentMessage): Promise<AgentReply> => callHandler(opts.handler, msg);

  const agora = async (text: string): Promise<Outcome> => {
    let req: { protocolHash?: unknown; protocolSources?: unknown; body?: unknown };
    try {
      req = JSON.parse(text) as typeof req;
    } catch {
      return { status: 'failure', body: 'request is not JSON' };
    }
    if (!req || typeof req !== 'object' || typeof req.body !== 'string') return { status: 'failure', body: '"body" must be a string' };
    if (req.protocolHash === null || req.protocolHash === undefined) {
      const msg = natural.parseMessage(req.body);
      if (typeof msg === 'string') return { status: 'failure', body: `I could not understand the request: ${msg}` };
      return { status: 'success', body: natural.renderReply(await handle(msg)) };
    }
    if (typeof req.protocolHash !== 'string') return { status: 'failure', body: '"protocolHash" must be a string or null' };
    const known = await cache.lookup(req.protocolHash, req.protocolSources);
    if (!known.ok) return { status: 'rejected', body: known.reason };
    const msg = parseJsonMessage(req.body);
    if (typeof msg === 'string') return { status: 'failure', body: msg };
    return { status: 'success', body: JSON.stringify(replyBody(await handle(msg))) };
  };

  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'POST' && (path === '/' || path === '/agora')) return sendJson(res, 200, await agora(await readBody(req)));
    if (req.method === 'GET' && path === '/health') return sendJson(res, 200, { status: 'ok', id: opts.id });
    const doc = req.method === 'GET' && path.startsWith('/protocol/') ? publishedDocuments.get(path.slice(10)) : undefined;
    if (doc !== undefined) {
      res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8', 'content-length': Buffer.byteLength(doc) });
      return void res.end(doc);
    }
    sendJson(res, 404, { status: 'failure', body: `no route ${req.method} ${path}` });
  };

  const server = http.createServer({ keepAlive: true }, (req, res) => {
    route(req, res).catch((err) => {
      if (!res.headersSent) sendJson(res, (err as { code?: string }).code === 'EBODY' ? 413 : 500, { status: 'failure', body: String(err) });
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
