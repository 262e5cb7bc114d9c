/**
 * What an Agora receiver knows about protocol hashes, in memory only (a restarted agent knows
 * nothing and must fetch again). An unknown hash is resolved by fetching the document from the
 * sender's sources, checking its SHA-256, and deciding whether a routine exists for it. Concurrent
 * messages with the same unknown hash share one fetch. Failed fetches are not remembered, so the
 * next offer of that hash tries again.
 */
import type http from 'node:http';
import { requestJson } from '../http-client.js';
import { documentHash, routineFor } from './documents.js';

/** The outcome of looking up a protocol hash. */
export type Lookup = { ok: true; protocolId: string } | { ok: false; reason: string };

/** At most this many sources are tried per hash (a sender could list many). */
const MAX_SOURCES = 3;

/** The protocol knowledge of one receiver process. */
export class ProtocolCache {
  /** Document fetches attempted so far (each source tried counts once). */
  fetches = 0;
  private readonly known = new Map<string, Lookup>();
  private readonly pending = new Map<string, Promise<Lookup>>();

  constructor(
    private readonly agent: http.Agent,
    private readonly fetchTimeoutMs = 2000,
  ) {}

  /** Whether the receiver can handle `hash`, fetching its document from `sources` when unknown. */
  lookup(hash: string, sources: unknown): Promise<Lookup> {
    const known = this.known.get(hash);
    if (known) return Promise.resolve(known);
    let p = this.pending.get(hash);
    if (!p) {
      p = this.fetch(hash, sources).finally(() => this.pending.delete(hash));
      this.pending.set(hash, p);
    }
    return p;
  }

  private async fetch(hash: string, sources: unknown): Promise<Lookup> {
    const urls = Array.isArray(sources) ? sources.filter((s): s is string => typeof s === 'string' && /^https?:\/\//.test(s)) : [];
    if (urls.length === 0) return { ok: false, reason: 'unknown protocol and no usable protocolSources' };
    const reasons: string[] = [];
    for (const url of urls.slice(0, MAX_SOURCES)) {
      this.fetches++;
      try {
        const res = await requestJson(this.agent, url, { headers: { accept: 'text/markdown, text/plain' }, timeoutMs: this.fetchTimeoutMs });
        if (res.status !== 200) {
          reasons.push(`${url} answered ${res.status}`);
          continue;
        }
        if (documentHash(res.text) !== hash) {
          reasons.push(`document at ${url} does not hash to ${hash}`);
          continue;
        }
        const protocolId = routineFor(res.text);
        const result: Lookup = protocolId ? { ok: true, protocolId } : { ok: false, reason: 'no routine for this protocol' };
        // A verified document is remembered either way: its content cannot change under its hash.
        if (this.known.size >= 1024) this.known.delete(this.known.keys().next().value as string);
        this.known.set(hash, result);
        return result;
      } catch (err) {
        reasons.push(`${url}: ${(err as Error).message}`);
      }
    }
    return { ok: false, reason: reasons.join('; ') };
  }
}
