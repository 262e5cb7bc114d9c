/**
 * ANP (Agent Network Protocol) with did:wba identities: see server.ts for the wire, client.ts for
 * authentication and recovery, docs/protocols.md for what it costs.
 */
import type { HttpResult } from '../http-client.js';
import { pollGet } from '../ready.js';
import type { Protocol } from '../types.js';
import { connectAnp } from './client.js';
import { loopbackTarget } from './loopback.js';
import { serveAnp } from './server.js';

/** Readiness = the agent's DID document answers: `/.well-known/did.json` for a base URL, or
 *  `<url>/did.json` when `url` already names an agent path such as `/agents/worker-3`. */
export async function anpReady(url: string, timeoutMs: number): Promise<boolean> {
  const target = new URL(url);
  const path = target.pathname.replace(/\/+$/, '');
  const docUrl = `${target.origin}${path ? `${path}/did.json` : '/.well-known/did.json'}`;
  const published = (res: HttpResult): boolean => {
    const doc = res.body as { id?: unknown; authentication?: unknown } | undefined;
    return (
      res.status === 200 &&
      typeof doc?.id === 'string' &&
      doc.id.startsWith('did:wba:') &&
      Array.isArray(doc.authentication)
    );
  };
  const dial = loopbackTarget(docUrl);
  return pollGet(dial.url, timeoutMs, published, dial.headers);
}

/** The ANP protocol. */
export const anpProtocol: Protocol = {
  name: 'anp',
  serve: (opts) => serveAnp(opts),
  connect: (peer, opts) => connectAnp(peer, opts),
  ready: anpReady,
};
