/**
 * ANP (Agent Network Protocol) with did:wba identities: see server.ts for the wire, client.ts for
 * authentication and recovery, docs/protocols.md for what it costs.
 */
import { keepAliveAgent, requestJson } from '../http-client.js';
import type { Protocol } from '../types.js';
import { connectAnp } from './client.js';
import { serveAnp } from './server.js';

/** Readiness = the agent's DID document answers: `/.well-known/did.json` for a base URL, or
 *  `<url>/did.json` when `url` already names an agent path such as `/agents/worker-3`. */
export async function anpReady(url: string, timeoutMs: number): Promise<boolean> {
  const target = new URL(url);
  const path = target.pathname.replace(/\/+$/, '');
  const docUrl = `${target.origin}${path ? `${path}/did.json` : '/.well-known/did.json'}`;
  const deadline = Date.now() + timeoutMs;
  const agent = keepAliveAgent(1);
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      try {
        const res = await requestJson(agent, docUrl, { timeoutMs: Math.min(left, 1000) });
        const doc = res.body as { id?: unknown; authentication?: unknown } | undefined;
        if (res.status === 200 && typeof doc?.id === 'string' && doc.id.startsWith('did:wba:') && Array.isArray(doc.authentication)) {
          return true;
        }
      } catch {
        // not listening yet: poll again
      }
      await new Promise((r) => setTimeout(r, Math.min(20, Math.max(0, deadline - Date.now()))));
    }
  } finally {
    agent.destroy();
  }
}

/** The ANP protocol. */
export const anpProtocol: Protocol = {
  name: 'anp',
  serve: (opts) => serveAnp(opts),
  connect: (peer, opts) => connectAnp(peer, opts),
  ready: anpReady,
};
