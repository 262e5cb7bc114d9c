/** Turns whatever the A2A SDK threw into a storm TransportError with a wire-level `code`. */
import { A2AError } from '@a2a-js/sdk/errors';
import { errorCode, transportError, type TransportError } from '../http-client.js';

/** True when the peer answered at the A2A level (a JSON-RPC error): the connection itself is fine. */
export function isProtocolError(err: unknown): boolean {
  // The SDK brands its errors, so instanceof works across its separately bundled entry points.
  return err instanceof A2AError;
}

/**
 * `deadline` is the caller's own timeout signal: an abort caused by it is ETIMEDOUT, whatever shape
 * the SDK gave the error. A2A protocol errors keep their message under code `EA2A`; an HTTP error
 * without a JSON-RPC body becomes `HTTP_<status>`; anything else without a code is `EBADREPLY`.
 */
export function a2aError(err: unknown, what: string, timeoutMs: number, deadline: AbortSignal): TransportError {
  if (deadline.aborted) return transportError('ETIMEDOUT', `${what}: no answer within ${timeoutMs} ms`);
  const e = err as (Error & { cause?: unknown }) | undefined;
  const message = `${what}: ${e?.message ?? String(err)}`;
  const wrap = (code: string, status?: number): TransportError =>
    Object.assign(transportError(code, message, status), { cause: err });
  if (isProtocolError(err)) return wrap('EA2A');
  const code = errorCode(e) ?? errorCode(e?.cause);
  if (code && code !== 'ABORT_ERR') return wrap(code);
  // The SDK reports non-JSON HTTP failures only in its message ("Status: 404", "Agent Card …: 404").
  const status = /(?:Status: |: )(\d{3})\b/.exec(e?.message ?? '')?.[1];
  if (status) return wrap(`HTTP_${status}`, Number(status));
  return wrap('EBADREPLY');
}
