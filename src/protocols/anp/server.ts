/**
 * The ANP server of one agent: publishes the agent's DID document (did:wba path form and the host's
 * `/.well-known/did.json`), and accepts `POST /agents/<id>/message` and `GET /agents/<id>/ping` only
 * with a valid `Authorization: DIDWba …` (answered with a fresh `Authorization: Bearer <jwt>` response
 * header, ANP 1.0) or a Bearer token this process issued. Anything else gets 401 with a
 * `WWW-Authenticate: DIDWba` challenge carrying the did:wba error code (§3.2.4.1).
 */
import http from 'node:http';
import { keepAliveAgent } from '../http-client.js';
import { readBody, sendJson } from '../http-io.js';
import { closeHttp, listenHttp } from '../http-server.js';
import { callHandler, parseMessage, replyBody } from '../json/server.js';
import type { ProtocolServer, ServeOptions } from '../types.js';
import { DidWbaError } from './did.js';
import { identityOf } from './identity.js';
import { TokenIssuer } from './token.js';
import { generateKeyPair, verifierFor } from './keys.js';
import { DidWbaVerifier, type AuthOutcome } from './verifier.js';

/**
 * The `service` names a storm server accepts in a signature: the host names it is reachable under on
 * loopback, bare, as AgentConnect's clients sign them. `localhost:<port>` is not accepted: no
 * AgentConnect client signs it (vectors N9, R5), and accepting it beside the bare name would add a
 * form without closing anything. The price, shared with AgentConnect: a header signed for
 * `localhost` verifies at any agent on the machine within the timestamp window (nonces are
 * remembered per server).
 */
export const SERVICE_NAMES: readonly string[] = ['localhost', '127.0.0.1'];

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
    if (req.method === 'GET' && path === `${base}/did.json`)
      return sendDocument(res, () => identity.documentJson(host));
    if (req.method === 'GET' && path === '/.well-known/did.json')
      return sendDocument(res, () => identity.hostDocumentJson(host));
    const isMessage = req.method === 'POST' && path === `${base}/message`;
    const isPing = req.method === 'GET' && path === `${base}/ping`;
    if (!isMessage && !isPing)
      return sendJson(res, 404, { error: 'not_found', message: `no route ${req.method} ${path}` });

    const auth = await verifier.authenticate(req.headers.authorization, SERVICE_NAMES);
    if (!auth.ok) return challenge(res, realmOf(host), auth);
    const headers = auth.scheme === 'DIDWba' ? { authorization: `Bearer ${await tokens.issue(auth.did)}` } : undefined;
    if (isPing) return sendJson(res, 200, { ok: true, id: opts.id }, headers);

    const msg = parseMessage(await readBody(req));
    if (typeof msg === 'string') return sendJson(res, 400, { ok: false, error: msg }, headers);
    sendJson(res, 200, replyBody(await callHandler(opts.handler, msg)), headers);
  };

  const server = http.createServer({ keepAlive: true }, (req, res) => {
    route(req, res).catch((err) => {
      if (!res.headersSent)
        sendJson(res, (err as { code?: string }).code === 'EBODY' ? 413 : 500, { ok: false, error: String(err) });
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

/** A DID document, or 400 when the Host header names something a did:wba DID cannot (an IP other than loopback). */
function sendDocument(res: http.ServerResponse, json: () => string): void {
  try {
    sendJson(res, 200, json());
  } catch (err) {
    if (!(err instanceof DidWbaError)) throw err;
    sendJson(res, 400, { error: 'invalid_host', message: err.message });
  }
}

/** The realm of a challenge: the service name the client should sign, i.e. the host it called if accepted. */
function realmOf(host: string): string {
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  return SERVICE_NAMES.includes(hostname) ? hostname : SERVICE_NAMES[0];
}

/**
 * `WWW-Authenticate: DIDWba realm="<host name>", error="<code>", error_description="…"` and
 * `Cache-Control: no-store`. The did:wba text (§3.2.4.1, ANP 1.0) requires `error` and allows
 * `error_description` and a server `nonce`, showing `Bearer` as the scheme in its example; ANP 1.1's
 * ANP-02 names the scheme `DIDWba` with a `realm`, which says what the client must answer with. storm
 * sends no server nonce: clients make their own (§3.2.4.1 allows either).
 */
function challenge(res: http.ServerResponse, realm: string, auth: Extract<AuthOutcome, { ok: false }>): void {
  // A quoted-string may not hold '"' or '\\' unescaped, and a header value only visible ASCII.
  const quoted = auth.description.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '?');
  sendJson(
    res,
    401,
    { error: auth.error, message: auth.description },
    {
      'www-authenticate': `DIDWba realm="${realm}", error="${auth.error}", error_description="${quoted}"`,
      'cache-control': 'no-store',
    },
  );
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
    const verify = verifierFor({ type: 'EcdsaSecp256k1VerificationKey2019', publicKeyJwk: key.publicJwk });
    const digest = new Uint8Array(32);
    if (typeof verify === 'function') verify(digest, key.sign(digest));
  } catch {
    // warming is best effort; the real path reports its own errors
  }
}
