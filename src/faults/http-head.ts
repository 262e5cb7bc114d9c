/**
 * The header fields that decide how an HTTP/1.1 message's body is framed, read from its head. Shared
 * by the message framer (http-framer.ts) and the request counter (request-counter.ts); each decides
 * on its own what to do with a message it cannot follow.
 */

export interface HeadFraming {
  /** Content-Length, when present (NaN when it is not a number). */
  length?: number;
  /** Transfer-Encoding lists `chunked`. */
  chunked: boolean;
  /** An `Upgrade` header, or `Connection: upgrade`: the stream stops being HTTP/1.1. */
  upgrade: boolean;
  /** Content-Type is `text/event-stream`. */
  eventStream: boolean;
}

/** Read the framing fields from a head's header lines (everything after the start line). */
export function headFraming(headerLines: readonly string[]): HeadFraming {
  const out: HeadFraming = { chunked: false, upgrade: false, eventStream: false };
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (name === 'content-length') out.length = Number(value);
    else if (name === 'transfer-encoding')
      out.chunked = value
        .split(',')
        .map((v) => v.trim())
        .includes('chunked');
    else if (name === 'upgrade' || (name === 'connection' && value.includes('upgrade'))) out.upgrade = true;
    else if (name === 'content-type') out.eventStream = value.startsWith('text/event-stream');
  }
  return out;
}
