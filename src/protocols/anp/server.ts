/**
 * The ANP server of one agent: publishes the agent's DID document (did:wba path form and the host's
 * `/.well-known/did.json`), and accepts `POST /agents/<id>/message` and `GET /agents/<id>/ping` only
 * with a valid `Authorization: DIDWba …` (answered with a fresh `Authorization: Bearer <jwt>` response
 * header, ANP 1.0) or a Bearer token this process issued. Anything else gets 401 with a
 * `WWW-Authenticate: DIDWba` challenge carrying the ANP error code.
 */
import http from 'node:http';
import { keepAliveAgent } from '../http-client.js';
import { readBody, sendJson } from '../http-io.js';
import { closeHttp, listenHttp } from '../http-server.js';
import { callHandler, parseMessage, replyBody } from '../json/server.js';
import type { ProtocolServer, ServeOptions } from '../types.js';
import { didDocument } from './did.js';
import { identityOf, type Identity } from './identity.js';
import { TokenIssuer } from './token.js';
import { generateKeyPair, verifierFor } from './keys.js';
import { DidWbaVerifier, type AuthOutcome } from './verifier.js';

/** A running ANP server; `verifier` is exposed so tests and benchmarks can read its fetch count. */
export interface AnpServer extends ProtocolServer {
  verifier: DidWbaVerifier;
}

/** Tuning for tests: token lifetime and timestamp window. */
export interface AnpServeTuning {
  tokenTtlSeconds?: number;
  maxAgeMs?: number;
}

/** Start an ANP agent server for `opts.id`; resolves once it listens. */
export async function serveAnp(opts: ServeOptions, tuning: AnpServeTuning = {}): Promise<AnpServer> {
  const identity = identityOf(opts.id);
  const agent = keepAliveAgent();
  const tokens = new TokenIssuer(tuning.tokenTtlSeconds);
  const verifier = new DidWbaVerifier({ tokens, agent, maxAgeMs: tuning.maxAgeMs });
  const base = `/agents/${opts.id}`;
  let selfHost = '';

  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    const host = req.headers.host ?? selfHost;
    if (req.method === 'GET' && path === `${base}/did.json`) return sendJson(res, 200, identity.documentJson(host));
    if (req.method === 'GET' && path === '/.well-known/did.json') return sendJson(res, 200, domainDocument(identity, host));
    const isMessage = req.method === 'POST' && path === `${base}/message`;
    const isPing = req.method === 'GET' && path === `${base}/ping`;
    if (!isMessage && !isPing) return sendJson(res, 404, { error: 'not_found', message: `no route ${req.method} ${path}` });

    const services = host === selfHost ? [selfHost] : [host, selfHost];
    const auth = await verifier.authenticate(req.headers.authorization, services);
    if (!auth.ok) return challenge(res, selfHost, auth);
    const headers = auth.scheme === 'DIDWba' ? { authorization: `Bearer ${await tokens.issue(auth.did)}` } : undefined;
    if (isPing) return sendJson(res, 200, { ok: true, id: opts.id }, headers);

    const msg = parseMessage(await readBody(req));
    if (typeof msg === 'string') return sendJson(res, 400, { ok: false, error: msg }, headers);
    sendJson(res, 200, replyBody(await callHandler(opts.handler, msg)), headers);
  };

  const server = http.createServer({ keepAlive: true }, (req, res) => {
    route(req, res).catch((err) => {
      if (!res.headersSent) sendJson(res, (err as { code?: string }).code === 'EBODY' ? 413 : 500, { ok: false, error: String(err) });
    });
  });
  const port = await listenHttp(server, opts.port, opts.host || '127.0.0.1', opts.meter);
  void warmUp();
  selfHost = `${opts.host || '127.0.0.1'}:${port}`;
  return {
    url: `http://${selfHost}`,
    port,
    verifier,
    close: () => {
      agent.destroy();
      return closeHttp(server);
    },
  };
}

function challenge(res: http.ServerResponse, realm: string, auth: Extract<AuthOutcome, { ok: false }>): void {
  const quoted = auth.description.replace(/["\\]/g, '');
  sendJson(res, 401, { error: auth.error, message: auth.description }, {
    'www-authenticate': `DIDWba realm="${realm}", error="${auth.error}", error_description="${quoted}"`,
    'cache-control': 'no-store',
  });
}

/** The host-level DID (`did:wba:<host>`, resolved at /.well-known/did.json): the same key, one agent per port. */
function domainDocument(identity: Identity, host: string): Record<string, unknown> {
  return didDocument(`did:wba:${host.replace(':', '%3A')}`, identity.key.publicJwk);
}

/**
 * Pay the process's one-time crypto start-up (loading jose, WebCrypto's HMAC, OpenSSL's curve
 * tables: ~50 ms together on a cold process) in the background after listening, with throwaway
 * keys, so the first authentication after a restart costs what the protocol costs — a DID fetch,
 * one signature check, one token — and not the process's cold start.
 */
async function warmUp(): Promise<void> {
  try {
    const issuer = new TokenIssuer();
    await issuer.verify(await issuer.issue('did:wba:warm-up'));
    const key = generateKeyPair();
    const verify = verifierFor({ publicKeyJwk: key.publicJwk });
    const payload = new Uint8Array(32);
    if (typeof verify === 'function') verify(payload, key.sign(payload));
  } catch {
    // warming is best effort; the real path reports its own errors
  }
}
