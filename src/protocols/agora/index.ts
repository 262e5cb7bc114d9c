/**
 * Agora (arXiv 2410.11905; working standard v0.2): SHA-1-named protocol documents, fetched (or decoded
 * from data: URIs) and cached by receivers, with a natural-language fallback. See server.ts for the
 * wire, docs/protocols.md for what it costs and where storm differs from the standard.
 */
import { pollGet } from '../ready.js';
import type { Protocol } from '../types.js';
import { connectAgora } from './client.js';
import { serveAgora } from './server.js';

/** Readiness = `GET /health` answers 200 (storm's health route; Agora itself defines none). */
export async function agoraReady(url: string, timeoutMs: number): Promise<boolean> {
  return pollGet(`${url.replace(/\/+$/, '')}/health`, timeoutMs);
}

/** The Agora protocol. */
export const agoraProtocol: Protocol = {
  name: 'agora',
  serve: (opts) => serveAgora(opts),
  connect: (peer, opts) => connectAgora(peer, opts),
  ready: agoraReady,
};
