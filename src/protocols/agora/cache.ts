/**
 * What an Agora receiver knows about protocol hashes, in memory only (a restarted agent knows
 * nothing and must fetch again — the reconnect work storm measures). An unknown hash is resolved from
 * the sender's `protocolSources`: a URL is fetched, a `data:` URI decoded; the text must hash to the
 * claimed SHA-1 (hex or base64, hash.ts), parse as a protocol document, and name a routine this
 * receiver has. Concurrent requests with the same unknown hash share one resolution. Failed fetches
 * are not remembered, so the next offer of that hash tries again; verified documents are.
 */
import type http from 'node:http';
import { requestJson } from '../http-client.js';
import { decodeDataUri, isDataUri, type Decoded } from './data-uri.js';
import { documentHash, MAX_DOCUMENT_BYTES, parseProtocolDocument } from './documents.js';
import type { AgoraRoutine } from './routines.js';

/** The outcome of looking up a protocol hash. */
export type Lookup = { ok: true; routine: AgoraRoutine; sources: string[] } | { ok: false; reason: string };

/** At most this many sources are tried per hash (a sender could list many). */
const MAX_SOURCES_TRIED = 3;
/** Verified documents remembered per process; the oldest is forgotten first. */
const MAX_KNOWN = 256;

/** The protocol knowledge of one receiver process. */
export class ProtocolCache {
  /** Network fetches of documents attempted so far (each URL tried counts once). */
  fetches = 0;
  /** data: sources decoded so far. */
  decodes = 0;
  private readonly known = new Map<string, Lookup>();
  private readonly pending = new Map<string, Promise<Lookup>>();
  private readonly routines: ReadonlyMap<string, AgoraRoutine>;

  constructor(
    private readonly agent: http.Agent,
    routines: readonly AgoraRoutine[],
    private readonly fetchTimeoutMs = 2000,
  ) {
    this.routines = new Map(routines.map((r) => [r.name, r]));
  }

  /** Whether the receiver can handle `hash` (lowercase hex SHA-1), resolving it from `sources` when unknown. */
  lookup(hash: string, sources: readonly string[]): Promise<Lookup> {
    const known = this.known.get(hash);
    if (known) return Promise.resolve(known);
    let p = this.pending.get(hash);
    if (!p) {
      p = this.resolve(hash, sources).finally(() => this.pending.delete(hash));
      this.pending.set(hash, p);
    }
    return p;
  }

  /** Supported hashes and the sources they were verified from (GET /wellknown). */
  supported(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [hash, l] of this.known) if (l.ok) out[hash] = l.sources;
    return out;
  }

  private async resolve(hash: string, sources: readonly string[]): Promise<Lookup> {
    if (sources.length === 0) return { ok: false, reason: 'unknown protocol and no protocolSources' };
    const reasons: string[] = [];
    for (const source of sources.slice(0, MAX_SOURCES_TRIED)) {
      const got = await this.read(source);
      if (!got.ok) {
        reasons.push(got.reason);
        continue;
      }
      if (documentHash(got.text) !== hash) {
        reasons.push(`${label(source)} does not hash to the protocolHash`);
        continue;
      }
      const doc = parseProtocolDocument(got.text);
      const routine = doc.ok ? this.routines.get(doc.metadata.name) : undefined;
      const result: Lookup = routine
        ? { ok: true, routine, sources: [source] }
        : { ok: false, reason: doc.ok ? `no routine for protocol "${doc.metadata.name}"` : doc.reason };
      // A verified document is remembered either way: its content cannot change under its hash.
      if (this.known.size >= MAX_KNOWN) this.known.delete(this.known.keys().next().value as string);
      this.known.set(hash, result);
      return result;
    }
    return { ok: false, reason: reasons.join('; ') };
  }

  private async read(source: string): Promise<Decoded> {
    if (isDataUri(source)) {
      this.decodes++;
      return decodeDataUri(source, MAX_DOCUMENT_BYTES);
    }
    if (!/^https?:\/\//i.test(source))
      return { ok: false, reason: `${label(source)}: not an http(s) URL or data: URI` };
    this.fetches++;
    try {
      const res = await requestJson(this.agent, source, {
        headers: { accept: 'text/markdown, text/plain' },
        timeoutMs: this.fetchTimeoutMs,
        maxBytes: MAX_DOCUMENT_BYTES,
      });
      return res.status === 200
        ? { ok: true, text: res.text }
        : { ok: false, reason: `${source} answered ${res.status}` };
    } catch (err) {
      return { ok: false, reason: `${source}: ${(err as Error).message}` };
    }
  }
}

/** A source short enough for an error message (data: URIs can be long). */
function label(source: string): string {
  return source.length > 80 ? `${source.slice(0, 77)}...` : source;
}
