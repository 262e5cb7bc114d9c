/**
 * A `fetch` for the A2A SDK's `fetchImpl` options, over node:http with a keep-alive Agent. The SDK
 * client speaks through it unchanged; it exists because undici's built-in fetch costs noticeably
 * more per loopback round trip. Bodies are buffered (storm never streams), and connection errors
 * surface with their node `code` (ECONNREFUSED, ECONNRESET) instead of a generic "fetch failed".
 * It never touches the globals Headers and Response: they live in undici, which costs every process
 * that loads it ≈ 47 ms of CPU and 9 MB (buffered-response.ts).
 */
import { request, type Agent, type OutgoingHttpHeaders } from 'node:http';
import { BufferedResponse } from './buffered-response.js';

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function headersOf(init: RequestInit | undefined): OutgoingHttpHeaders {
  const h = init?.headers as unknown;
  const out: OutgoingHttpHeaders = {};
  if (!h) return out;
  // pairs, or a Headers-like object (the caller's own; `instanceof Headers` would load undici)
  if (Array.isArray(h)) for (const [key, value] of h as [string, string][]) out[key] = value;
  else if (typeof (h as Headers).forEach === 'function')
    (h as Headers).forEach((value, key) => {
      out[key] = value;
    });
  // The SDK passes plain objects: copy them as they are (node:http accepts any header case).
  else Object.assign(out, h as Record<string, string>);
  return out;
}

function bodyOf(body: BodyInit | null | undefined): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  throw new TypeError('node-fetch: only string and Uint8Array bodies are supported');
}

/** A fetch-compatible function whose requests all share `agent` (plain http only). */
export function createNodeFetch(agent: Agent): typeof fetch {
  const nodeFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    if (url.protocol !== 'http:') return Promise.reject(new TypeError(`node-fetch: unsupported URL ${url.href}`));
    const body = bodyOf(init?.body);
    const headers = headersOf(init);
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    return new Promise<Response>((resolve, reject) => {
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: init?.method ?? 'GET',
          headers,
          signal: init?.signal ?? undefined,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const pairs: [string, string][] = [];
            const raw = res.rawHeaders;
            for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] as string, raw[i + 1] as string]);
            const bytes = NULL_BODY.has(status) ? null : Buffer.concat(chunks);
            // what the SDK reads of a Response (buffered-response.ts), without loading undici
            resolve(
              new BufferedResponse(bytes, status, res.statusMessage ?? '', pairs, url.href) as unknown as Response,
            );
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
  return nodeFetch as typeof fetch;
}
