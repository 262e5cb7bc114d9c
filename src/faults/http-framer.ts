/**
 * Finds HTTP/1.1 message boundaries in one direction of a TCP stream, so a message fault can act on
 * whole requests and replies: it buffers one message at a time (head, then a Content-Length or
 * chunked body) and hands it over complete, raw bytes untouched. Every storm protocol is HTTP/1.1
 * underneath (json, A2A JSON-RPC, ACP REST, ANP, Agora), so this one framer serves all five.
 *
 * A reply that is an event stream (SSE) is cut into its events instead (sse-decoder.ts).
 *
 * Bounded: a head over MAX_HEAD_BYTES or a body over MAX_BODY_BYTES, or a framing it does not know
 * (a reply whose body runs until close, an upgrade), makes it give up on the stream: what it held
 * is released as is, and so is everything after (`lost`), until a chunk starts with a start line.
 */
import { headFraming } from './http-head.js';
import { eventData, SseDecoder } from './sse-decoder.js';

/** Largest request/status line plus headers the framer buffers. */
export const MAX_HEAD_BYTES = 32 * 1024;
/** Largest body the framer buffers (storm's messages are a few KiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Longest start line (method, target, version) the framer waits for. */
const MAX_START_LINE = 8 * 1024;
const REQUEST_LINE = /^[A-Z]{3,7} \S+ HTTP\/1\.[01]\r\n$/;
const STATUS_LINE = /^HTTP\/1\.[01] \d{3}[^\r\n]*\r\n$/;

/** One complete HTTP message. */
export interface HttpMessage {
  /** Every byte of the message as it came, head and framed body. */
  raw: Buffer;
  /** The start line ("POST /message HTTP/1.1" or "HTTP/1.1 200 OK"). */
  startLine: string;
  /** The payload (chunked encoding removed). */
  body: Buffer;
  /** Offset in `raw` of the payload's first byte, or -1 without a payload. */
  bodyAt: number;
  /** Event streams: the reply's head, one event (`body` = the event), or the stream's end. */
  part?: 'head' | 'event' | 'end';
}

/** What one `feed` produced, in stream order: complete messages and bytes passed through unframed. */
export type Framed = { message: HttpMessage } | { unframed: Buffer };

type BodyFraming =
  | { kind: 'length'; length: number }
  | { kind: 'chunked' }
  | { kind: 'none' }
  | { kind: 'events'; chunked: boolean };

/** The framer of one direction: `request` (caller → target) or `response`. */
export class HttpFramer {
  private buf: Buffer = Buffer.alloc(0);
  private synced = true;
  private sse: SseDecoder | undefined;

  constructor(private readonly side: 'request' | 'response') {}

  /** Is a message partly buffered (a fault lifted now must wait for it)? */
  get busy(): boolean {
    return this.buf.length > 0 || this.sse !== undefined;
  }

  /** Add a chunk; returns what is complete. */
  feed(chunk: Buffer): Framed[] {
    if (!this.synced) {
      // a message starts where a chunk starts with a start line (writers send the head in one write)
      if (this.startsMessage(chunk) !== 'yes') return [{ unframed: chunk }];
      this.synced = true;
    }
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: Framed[] = [];
    for (;;) {
      const r = this.next();
      if (r === 'wait') break;
      if (r === 'lost') {
        // an event stream's decoded but unsent bytes go first, as they were on the wire
        out.push({ unframed: Buffer.concat([this.sse?.flush() ?? Buffer.alloc(0), this.buf]) });
        this.buf = Buffer.alloc(0);
        this.synced = false;
        this.sse = undefined;
        break;
      }
      out.push({ message: r });
      if (this.buf.length === 0 && !this.sse) break;
    }
    return out;
  }

  /** Does `buf` begin with a start line ('maybe': its first line is not complete yet)? */
  private startsMessage(buf: Buffer): 'yes' | 'no' | 'maybe' {
    const eol = buf.indexOf('\r\n');
    if (eol < 0) return buf.length < MAX_START_LINE ? 'maybe' : 'no';
    const line = buf.subarray(0, eol + 2).toString('latin1');
    return (this.side === 'request' ? REQUEST_LINE : STATUS_LINE).test(line) ? 'yes' : 'no';
  }

  /** The first complete message of the buffer, 'wait' for more bytes, or 'lost' (cannot frame it). */
  private next(): HttpMessage | 'wait' | 'lost' {
    if (this.sse) return this.nextEvent(this.sse);
    const start = this.startsMessage(this.buf);
    if (start === 'no') return 'lost';
    if (start === 'maybe') return 'wait';
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0) return this.buf.length > MAX_HEAD_BYTES ? 'lost' : 'wait';
    const head = this.buf.subarray(0, end).toString('latin1');
    const headLen = end + 4;
    const framing = this.framing(head);
    if (framing === 'lost') return 'lost';
    const eol = head.indexOf('\r\n');
    const startLine = eol < 0 ? head : head.slice(0, eol);
    if (framing.kind === 'none') return this.take(headLen, startLine, Buffer.alloc(0), -1);
    if (framing.kind === 'events') {
      this.sse = new SseDecoder(framing.chunked);
      return { ...this.take(headLen, startLine, Buffer.alloc(0), -1), part: 'head' };
    }
    if (framing.kind === 'length') {
      if (framing.length > MAX_BODY_BYTES) return 'lost';
      if (this.buf.length < headLen + framing.length) return 'wait';
      const body = this.buf.subarray(headLen, headLen + framing.length);
      return this.take(headLen + framing.length, startLine, body, framing.length ? headLen : -1);
    }
    return this.chunked(headLen, startLine);
  }

  private chunked(headLen: number, startLine: string): HttpMessage | 'wait' | 'lost' {
    const parts: Buffer[] = [];
    let at = headLen;
    let bodyAt = -1;
    let size = 0;
    for (;;) {
      const eol = this.buf.indexOf('\r\n', at);
      if (eol < 0) return this.buf.length - headLen > MAX_BODY_BYTES ? 'lost' : 'wait';
      const n = parseInt(this.buf.subarray(at, eol).toString('latin1').split(';')[0], 16);
      if (!Number.isFinite(n) || n < 0) return 'lost';
      if (n === 0) {
        // last chunk, then (no) trailers and the final CRLF
        const fin = this.buf.indexOf('\r\n\r\n', eol);
        if (fin < 0) return 'wait';
        return this.take(fin + 4, startLine, Buffer.concat(parts), bodyAt);
      }
      size += n;
      if (size > MAX_BODY_BYTES) return 'lost';
      if (this.buf.length < eol + 2 + n + 2) return 'wait';
      if (bodyAt < 0) bodyAt = eol + 2;
      parts.push(this.buf.subarray(eol + 2, eol + 2 + n));
      at = eol + 2 + n + 2;
    }
  }

  private framing(head: string): BodyFraming | 'lost' {
    const lines = head.split('\r\n');
    const { length, chunked, upgrade, eventStream: events } = headFraming(lines.slice(1));
    if (upgrade) return 'lost';
    if (events && this.side === 'response' && length === undefined) return { kind: 'events', chunked };
    if (chunked) return { kind: 'chunked' };
    if (length !== undefined) return Number.isInteger(length) && length >= 0 ? { kind: 'length', length } : 'lost';
    if (this.side === 'request') return { kind: 'none' };
    const status = Number(lines[0].slice(9, 12));
    // 1xx, 204 and 304 have no body; any other reply without a length runs until close
    return status < 200 || status === 204 || status === 304 ? { kind: 'none' } : 'lost';
  }

  /** The next event of an event stream, its end, or 'wait'. */
  private nextEvent(sse: SseDecoder): HttpMessage | 'wait' | 'lost' {
    const used = sse.decode(this.buf);
    if (used === 'lost') return 'lost';
    this.buf = this.buf.subarray(used);
    const event = sse.take();
    if (event === undefined) return 'wait';
    if (event === 'end') {
      this.sse = undefined;
      return { raw: sse.endBytes, startLine: '', body: Buffer.alloc(0), bodyAt: -1, part: 'end' };
    }
    const { raw, at } = sse.encode(event);
    const data = eventData(event).at;
    return { raw, startLine: '', body: event, bodyAt: data < 0 ? -1 : at + data, part: 'event' };
  }

  private take(len: number, startLine: string, body: Buffer, bodyAt: number): HttpMessage {
    const raw = Buffer.from(this.buf.subarray(0, len));
    this.buf = this.buf.subarray(len);
    return { raw, startLine, body: Buffer.from(body), bodyAt };
  }
}
