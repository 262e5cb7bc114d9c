/** The proxy's HTTP/1.1 request counter: keep-alive, bodies by length or chunks, any split of the stream. */
import { describe, expect, it } from 'vitest';
import { HttpRequestCounter } from '../../../src/faults/request-counter.js';

const post = (body: string) =>
  `POST /message HTTP/1.1\r\nHost: x\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const chunked = (parts: string[]) =>
  `POST /runs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${parts.map((p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`).join('')}0\r\n\r\n`;
const get = 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n';

/** Feed `text` split at every position into two chunks, and byte by byte. */
function countsOf(text: string): number[] {
  const buf = Buffer.from(text);
  const out: number[] = [];
  for (let cut = 0; cut <= buf.length; cut++) {
    const c = new HttpRequestCounter();
    out.push(c.feed(buf.subarray(0, cut)) + c.feed(buf.subarray(cut)));
  }
  const c = new HttpRequestCounter();
  let n = 0;
  for (const b of buf) n += c.feed(Buffer.from([b]));
  out.push(n);
  return out;
}

describe('HttpRequestCounter', () => {
  it('counts each request of a keep-alive stream once, whatever the chunking', () => {
    // a body that looks like a request head must not be counted
    const stream =
      post('{"x":1}') +
      get +
      chunked(['{"a":', '"GET / HTTP/1.1\\r\\n\\r\\n"}']) +
      post('GET /x HTTP/1.1\r\n\r\n') +
      get;
    expect(new Set(countsOf(stream))).toEqual(new Set([5]));
  });

  it('gives up on what is not HTTP/1.1 it can follow, instead of guessing', () => {
    const c = new HttpRequestCounter();
    expect(c.feed(Buffer.from('GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'))).toBe(1);
    expect(c.opaque).toBe(true);
    expect(c.feed(Buffer.from(get))).toBe(0);
    const junk = new HttpRequestCounter();
    expect(junk.feed(Buffer.from('\x16\x03\x01 not http\r\n\r\n'))).toBe(0);
    expect(junk.opaque).toBe(true);
  });

  it('stops buffering a head that never ends', () => {
    const c = new HttpRequestCounter();
    const line = Buffer.alloc(1024, 'a');
    for (let i = 0; i < 100; i++) c.feed(line);
    expect(c.opaque).toBe(true);
  });
});
