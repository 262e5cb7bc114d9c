/**
 * Counts HTTP/1.1 requests in the caller → target byte stream of one proxied connection, so the
 * proxy can report `messages` for agents storm cannot ask (a user's `command:` agents). Every
 * storm protocol is HTTP/1.1; a request is counted when its head is complete, and its body is
 * skipped by Content-Length or chunked framing, so keep-alive and pipelining count right. A stream
 * that is not HTTP/1.1 (an upgrade, a head over MAX_HEAD_BYTES, unparseable framing) stops being
 * counted — its bytes still are — rather than being guessed at.
 */

/** Longest request head (request line + headers) followed; Node's own limit is 16 KiB. */
import { headFraming } from './http-head.js';

const MAX_HEAD_BYTES = 64 * 1024;
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const REQUEST_LINE = /^[A-Z]+ \S+ HTTP\/1\.[01]$/;

type State =
  | { kind: 'head'; buf: Buffer }
  | { kind: 'body'; left: number }
  | { kind: 'chunk-size'; buf: Buffer }
  | { kind: 'chunk-data'; left: number }
  | { kind: 'trailers'; buf: Buffer }
  | { kind: 'opaque' };

/** Incremental request counter for one connection's caller → target direction. */
export class HttpRequestCounter {
  private state: State = { kind: 'head', buf: Buffer.alloc(0) };
  /** Requests so far that carry work (any method but GET, HEAD, OPTIONS): tasks, never heartbeats. */
  writes = 0;

  /** Did the stream stop being HTTP/1.1 that can be followed? */
  get opaque(): boolean {
    return this.state.kind === 'opaque';
  }

  /** Feed the next chunk; returns the requests whose head completed in it. */
  feed(chunk: Buffer): number {
    let count = 0;
    let data = chunk;
    while (data.length > 0) {
      const s = this.state;
      if (s.kind === 'opaque') return count;
      if (s.kind === 'body' || s.kind === 'chunk-data') {
        const n = Math.min(s.left, data.length);
        data = data.subarray(n);
        s.left -= n;
        if (s.left === 0) this.state = s.kind === 'body' ? fresh() : { kind: 'chunk-size', buf: Buffer.alloc(0) };
        continue;
      }
      const sep = s.kind === 'head' ? HEAD_END : CRLF;
      const buf = Buffer.concat([s.buf, data]);
      const at = buf.indexOf(sep);
      if (at < 0) {
        if (buf.length > MAX_HEAD_BYTES) this.state = { kind: 'opaque' };
        else s.buf = buf;
        return count;
      }
      data = buf.subarray(at + sep.length);
      const text = buf.subarray(0, at).toString('latin1');
      if (s.kind === 'head') {
        if (text.length === 0 && s.buf.length === 0) continue; // a stray CRLF between requests
        // only a real request line counts; anything else makes the stream opaque
        const line = text.split('\r\n', 1)[0];
        if (REQUEST_LINE.test(line)) {
          count++;
          if (!/^(GET|HEAD|OPTIONS) /.test(line)) this.writes++;
        }
        this.state = afterHead(text);
      } else if (s.kind === 'chunk-size') {
        const size = Number.parseInt(text.split(';')[0].trim(), 16);
        if (!Number.isFinite(size) || size < 0) this.state = { kind: 'opaque' };
        else
          this.state = size === 0 ? { kind: 'trailers', buf: Buffer.alloc(0) } : { kind: 'chunk-data', left: size + 2 };
      } else {
        // trailers end with an empty line
        this.state = text.length === 0 ? fresh() : { kind: 'trailers', buf: Buffer.alloc(0) };
      }
    }
    return count;
  }
}

function fresh(): State {
  return { kind: 'head', buf: Buffer.alloc(0) };
}

/** What follows a request head: a body by its framing, the next request, or nothing we can follow. */
function afterHead(head: string): State {
  const lines = head.split('\r\n');
  if (!REQUEST_LINE.test(lines[0])) return { kind: 'opaque' };
  const { length = 0, chunked, upgrade } = headFraming(lines.slice(1));
  if (upgrade || lines[0].startsWith('CONNECT ')) return { kind: 'opaque' };
  if (chunked) return { kind: 'chunk-size', buf: Buffer.alloc(0) };
  if (!Number.isSafeInteger(length) || length < 0) return { kind: 'opaque' };
  return length > 0 ? { kind: 'body', left: length } : fresh();
}
