/** How the ACP routes answer: JSON bodies, ACP-shaped errors, and `text/event-stream` event streams. */
import type { ServerResponse } from 'node:http';
import type { AcpError, AcpEvent } from './codec.js';

/** Extra headers, e.g. `Run-Id` on every answer about one run (as the reference server sends it). */
export type Headers = Record<string, string>;

/** Answer with a JSON body. */
export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Headers = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/**
 * Answer with the ACP Error shape. `data: null` is only sent where the reference server sends it (its
 * 403s), so the interop examples match byte for byte.
 */
export function sendError(
  res: ServerResponse,
  status: number,
  code: AcpError['code'],
  message: string,
  opts: { data?: null; headers?: Headers } = {},
): void {
  const error: AcpError = 'data' in opts ? { code, message, data: opts.data } : { code, message };
  sendJson(res, status, error, opts.headers);
}

/** One SSE event as the OpenAPI examples frame it: a single `data:` line and a blank line, no `event:`/`id:`. */
export function sseFrame(event: AcpEvent): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}

/** Start a 200 `text/event-stream` answer. */
export function startStream(res: ServerResponse, headers: Headers): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
}
