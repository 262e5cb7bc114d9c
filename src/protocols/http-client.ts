/**
 * A small HTTP/1.1 client over node:http with a caller-owned keep-alive Agent, shared by the
 * protocols. Built-in fetch (undici) costs noticeably more per request on loopback, and heartbeats
 * plus forwarding make requests the hot path. Failures reject with an Error whose `code` says what
 * happened on the wire: ECONNREFUSED (nobody listens: a dead process), ETIMEDOUT (no answer in
 * time: a hung process), ECONNRESET (the connection broke), HTTP_5xx (e.g. HTTP_503).
 */
import http from 'node:http';

/** An Error with the transport-level reason in `code`. */
export interface TransportError extends Error {
  code: string;
  /** HTTP status, for HTTP_5xx errors. */
  status?: number;
}

export interface RequestOptions {
  method?: string;
  /** A reply larger than this is a failed exchange (code EREPLYSIZE). Default: maxReplyBytes(). */
  maxBytes?: number;
  /** An object is sent as JSON; a string is sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
}

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON when the body is JSON, else the raw text. */
  body: unknown;
  text: string;
}

/** Default reply size limit: 10 MiB. */
export const DEFAULT_MAX_REPLY_BYTES = 10 * 1024 * 1024;

/**
 * The reply size limit: `STORM_MAX_REPLY_BYTES` when set to a positive integer, else 10 MiB. A reply
 * beyond it is a failed send, never a string too long for the runner to hold (docs/engine.md).
 */
export function maxReplyBytes(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.STORM_MAX_REPLY_BYTES);
  return Number.isSafeInteger(v) && v > 0 ? v : DEFAULT_MAX_REPLY_BYTES;
}

/** A keep-alive agent suitable for one peer (or one remote origin). */
export function keepAliveAgent(maxSockets = 16): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' });
}

/** Build a TransportError. */
export function transportError(code: string, message: string, status?: number): TransportError {
  const err = new Error(message) as TransportError;
  err.code = code;
  if (status !== undefined) err.status = status;
  return err;
}

/** The `code` of a rejected request, or undefined for errors that are not transport errors. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Run an idempotent request; if a pooled socket was reset (its peer just died or restarted), ask once
 * more on a fresh connection within the same `timeoutMs`, which tells a dead peer (ECONNREFUSED) from a live one.
 */
export async function retryOnReset<T>(timeoutMs: number, attempt: (timeoutMs: number) => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  try {
    return await attempt(timeoutMs);
  } catch (err) {
    if (errorCode(err) !== 'ECONNRESET' || Date.now() >= deadline) throw err;
    return await attempt(deadline - Date.now());
  }
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text.length === 0) return undefined;
  if (contentType?.includes('json') || text[0] === '{' || text[0] === '[') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** Send one request and collect the whole response. Rejects on transport failures and 5xx only.
 *  For https URLs pass an https.Agent (or none). */
export function requestJson(
  agent: http.Agent | undefined,
  url: string | URL,
  opts: RequestOptions,
): Promise<HttpResult> {
  // Callers on the hot path pass a URL parsed once.
  const target = typeof url === 'string' ? new URL(url) : url;
  // node:https drags in tls and crypto: only load it when a URL needs it (agent start-up time).
  if (target.protocol === 'https:')
    return import('node:https').then((m) => send(m.default.request, agent, target, opts));
  return send(http.request, agent, target, opts);
}

function send(
  request: typeof http.request,
  agent: http.Agent | undefined,
  target: URL,
  opts: RequestOptions,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const payload =
      opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const headers: Record<string, string | number> = { accept: 'application/json', ...opts.headers };
    if (payload !== undefined) {
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
      headers['content-length'] = Buffer.byteLength(payload);
    }
    const limit = opts.maxBytes ?? maxReplyBytes();
    let settled = false;
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    };
    const req = request(
      target,
      { method: opts.method ?? (payload === undefined ? 'GET' : 'POST'), headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > limit) {
            fail(transportError('EREPLYSIZE', `reply from ${target.origin} larger than ${limit} bytes`));
            req.destroy();
            return;
          }
          chunks.push(c);
        });
        res.on('error', (e) => fail(asTransport(e)));
        res.on('end', () => {
          if (settled) return;
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          if (status >= 500)
            return fail(transportError(`HTTP_${status}`, `HTTP ${status} from ${target.origin}`, status));
          settled = true;
          clearTimeout(timer);
          resolve({ status, headers: res.headers, body: parseBody(text, res.headers['content-type']), text });
        });
      },
    );
    // One timer for the whole exchange (connect + response), not an idle timeout: a stopped peer
    // accepts the TCP connection (the kernel does) and then never answers.
    const timer = setTimeout(() => {
      fail(transportError('ETIMEDOUT', `no answer from ${target.origin} within ${opts.timeoutMs} ms`));
      req.destroy();
    }, opts.timeoutMs);
    req.on('error', (e) => fail(asTransport(e)));
    if (payload !== undefined) req.end(payload);
    else req.end();
  });
}

function asTransport(e: Error): TransportError {
  const code = errorCode(e) ?? 'ECONNRESET';
  // Node reports a server that closed mid-request as "socket hang up" with code ECONNRESET already.
  return transportError(code, e.message);
}
