/**
 * Agora request and response shapes (standard v0.2 §6) and the checks a request passes before it is
 * handled. A request that is JSON but breaks a field rule is an Agora-level failure (HTTP 200,
 * `{"status": "failure", "error"}`, §10.2); unknown fields are ignored (§6.1).
 */
import type { AgoraBody } from './routines.js';

/** A request that passed the checks. */
export interface AgoraRequest {
  body: AgoraBody;
  /** As sent; null when absent (natural language). */
  protocolHash: string | null;
  protocolSources: string[];
  multiround: boolean;
}

/** Every response: `body` only on success, `error` only on failure (§6.2). */
export type AgoraResponse =
  | { status: 'success'; body?: AgoraBody; conversationId?: string; conversationExpires?: number }
  | { status: 'failure'; error: string };

/** The exact error the standard prescribes for an unsupported protocol (§8.3). */
export const UNSUPPORTED_PROTOCOL = 'Unsupported protocol';
/** The error the standard suggests for an expired conversation (§7.3). */
export const CONVERSATION_EXPIRED = 'Conversation expired';

/** More sources than this in one request is refused rather than truncated silently. */
export const MAX_LISTED_SOURCES = 16;

/** An Agora-level failure. */
export function failure(error: string): AgoraResponse {
  return { status: 'failure', error };
}

/** Check a parsed JSON request; returns the request or the failure to answer. */
export function checkRequest(v: unknown): AgoraRequest | { status: 'failure'; error: string } {
  if (!v || typeof v !== 'object' || Array.isArray(v))
    return { status: 'failure', error: 'Request must be a JSON object' };
  const r = v as Record<string, unknown>;
  // Wording of the standard's own example (§12.1).
  if (r.body === undefined || r.body === null) return { status: 'failure', error: "Missing field 'body'" };
  if (typeof r.body !== 'string' && (typeof r.body !== 'object' || Array.isArray(r.body))) {
    return { status: 'failure', error: 'body must be a string or an object' };
  }
  if (r.protocolHash !== undefined && r.protocolHash !== null && typeof r.protocolHash !== 'string') {
    return { status: 'failure', error: 'protocolHash must be a string or null' };
  }
  const sources = r.protocolSources ?? [];
  if (!Array.isArray(sources) || !sources.every((s) => typeof s === 'string')) {
    return { status: 'failure', error: 'protocolSources must be an array of strings' };
  }
  if (sources.length > MAX_LISTED_SOURCES)
    return { status: 'failure', error: `protocolSources may list at most ${MAX_LISTED_SOURCES} sources` };
  if (r.multiround !== undefined && r.multiround !== null && typeof r.multiround !== 'boolean') {
    return { status: 'failure', error: 'multiround must be a boolean' };
  }
  return {
    body: r.body as AgoraBody,
    // An empty string names no document, as null does (the reference sender never sends it).
    protocolHash: typeof r.protocolHash === 'string' && r.protocolHash !== '' ? r.protocolHash : null,
    protocolSources: sources as string[],
    multiround: r.multiround === true,
  };
}
