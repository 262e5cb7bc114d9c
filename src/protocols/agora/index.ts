/**
 * Agora (arXiv 2410.11905): hash-named protocol documents, fetched and cached by receivers, with a
 * natural-language fallback. See server.ts for the wire, docs/protocols.md for what it costs.
 */
import { keepAliveAgent, requestJson } from '../http-client.js';
import type { Protocol } from '../types.js';
import { connectAgora } from './client.js';
import { serveAgora } from './server.js';

/** Readiness = `GET /health` answers 200 (storm's health route; Agora itself defines none). */
export async function agoraReady(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const agent = keepAliveAgent(1);
  const healthUrl = `${url.replace(/\/+$/, '')}/health`;
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      try {
        if ((await requestJson(agent, healthUrl, { timeoutMs: Math.min(left, 1000) })).status === 200) return true;
      } catch {
        // not listening yet: poll again
      }
      await new Promise((r) => setTimeout(r, Math.min(20, Math.max(0, deadline - Date.now()))));
    }
  } finally {
    agent.destroy();
  }
}

/** The Agora protocol. */
export const agoraProtocol: Protocol = {
  name: 'agora',
  serve: (opts) => serveAgora(opts),
  connect: (peer, opts) => connectAgora(peer, opts),
  ready: agoraReady,
};
