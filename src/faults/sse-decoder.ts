/**
 * Server-sent events inside one HTTP reply (`Content-Type: text/event-stream`): the reply has no end
 * the framer could wait for, so it is cut into its events instead, each a message of its own that a
 * reply fault can drop, delay or corrupt while the stream goes on. A chunked stream is decoded and
 * each event sent on as one chunk (so an event can be left out without breaking the framing); a
 * stream that runs until the connection closes passes its events as they are. Bounded: an event
 * over MAX_EVENT_BYTES makes the framer give up on the stream.
 */

/** Largest single event buffered. */
export const MAX_EVENT_BYTES = 1024 * 1024;

const EVENT_END = /\r\n\r\n|\n\n|\r\r/;

/** Decodes one event stream. */
export class SseDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private ended = false;

  constructor(readonly chunked: boolean) {}

  /** Take what `buf` holds of the stream; returns the bytes used, or 'lost' (cannot decode it). */
  decode(buf: Buffer): number | 'lost' {
    if (!this.chunked) {
      this.pending = Buffer.concat([this.pending, buf]);
      return this.pending.length > MAX_EVENT_BYTES ? 'lost' : buf.length;
    }
    let at = 0;
    for (;;) {
      const eol = buf.indexOf('\r\n', at);
      if (eol < 0) return buf.length - at > 64 ? 'lost' : at;
      const n = parseInt(buf.subarray(at, eol).toString('latin1').split(';')[0], 16);
      if (!Number.isFinite(n) || n < 0) return 'lost';
      if (n === 0) {
        // the last chunk; storm's peers send no trailers
        if (buf.length < eol + 4) return at;
        this.ended = true;
        return eol + 4;
      }
      if (buf.length < eol + 2 + n + 2) return at;
      this.pending = Buffer.concat([this.pending, buf.subarray(eol + 2, eol + 2 + n)]);
      if (this.pending.length > MAX_EVENT_BYTES) return 'lost';
      at = eol + 2 + n + 2;
    }
  }

  /** The next complete event (its blank line included), 'end' when the stream is over, or undefined. */
  take(): Buffer | 'end' | undefined {
    const m = EVENT_END.exec(this.pending.toString('latin1'));
    if (m) {
      const event = this.pending.subarray(0, m.index + m[0].length);
      this.pending = this.pending.subarray(m.index + m[0].length);
      return Buffer.from(event);
    }
    if (!this.ended) return undefined;
    if (this.pending.length === 0) return 'end';
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }

  /** The bytes that carry `event` on the wire, and where the event starts in them. */
  encode(event: Buffer): { raw: Buffer; at: number } {
    if (!this.chunked) return { raw: event, at: 0 };
    const size = Buffer.from(`${event.length.toString(16)}\r\n`);
    return { raw: Buffer.concat([size, event, Buffer.from('\r\n')]), at: size.length };
  }

  /** Whatever is decoded but not yet taken, as wire bytes (the framer is giving up on the stream). */
  flush(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    if (rest.length === 0) return rest;
    return this.encode(rest).raw;
  }

  /** The bytes that end the stream on the wire. */
  get endBytes(): Buffer {
    return Buffer.from(this.chunked ? '0\r\n\r\n' : '');
  }
}

/** The payload of an event: its `data:` lines joined, as the EventSource spec reads them. */
export function eventData(event: Buffer): { data: string; at: number } {
  const text = event.toString('utf8');
  const lines: string[] = [];
  let at = -1;
  let offset = 0;
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (line.startsWith('data:')) {
      const value = line.slice(line[5] === ' ' ? 6 : 5);
      if (at < 0 && value.length > 0) at = Buffer.byteLength(text.slice(0, offset + (line.length - value.length)));
      lines.push(value);
    }
    offset += line.length + (text.slice(offset + line.length, offset + line.length + 2) === '\r\n' ? 2 : 1);
  }
  return { data: lines.join('\n'), at };
}
