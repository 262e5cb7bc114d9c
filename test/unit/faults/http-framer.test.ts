/** The HTTP/1.1 framer of message faults: boundaries, chunked bodies, split reads, and its bounds. */
import { describe, expect, it } from 'vitest';
import { HttpFramer, MAX_BODY_BYTES, type Framed } from '../../../src/faults/http-framer.js';

const request = (body: string): Buffer =>
  Buffer.from(
    `POST /message HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );

const messages = (out: Framed[]): string[] => out.flatMap((f) => ('message' in f ? [f.message.body.toString()] : []));

describe('HttpFramer', () => {
  it('frames back-to-back requests and keeps their raw bytes', () => {
    const a = request('{"a":1}');
    const b = request('{"b":2}');
    const out = new HttpFramer('request').feed(Buffer.concat([a, b]));
    expect(messages(out)).toEqual(['{"a":1}', '{"b":2}']);
    const first = out[0] as { message: { raw: Buffer; bodyAt: number } };
    expect(first.message.raw.equals(a)).toBe(true);
    expect(String.fromCharCode(first.message.raw[first.message.bodyAt])).toBe('{');
  });

  it('holds a message split over many reads until it is complete', () => {
    const framer = new HttpFramer('request');
    const bytes = request('{"split":"yes"}');
    const got: string[] = [];
    for (let i = 0; i < bytes.length; i += 3) got.push(...messages(framer.feed(bytes.subarray(i, i + 3))));
    expect(got).toEqual(['{"split":"yes"}']);
    expect(framer.busy).toBe(false);
  });

  it('decodes a chunked reply and finds its first payload byte', () => {
    const raw = Buffer.from(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{"ok\r\n6\r\n":true\r\n1\r\n}\r\n0\r\n\r\n',
    );
    const out = new HttpFramer('response').feed(raw);
    expect(messages(out)).toEqual(['{"ok":true}']);
    const m = (out[0] as { message: { raw: Buffer; bodyAt: number } }).message;
    expect(String.fromCharCode(m.raw[m.bodyAt])).toBe('{');
  });

  it('passes a GET without a body and a 204 reply as messages with no payload', () => {
    expect(new HttpFramer('request').feed(Buffer.from('GET /health HTTP/1.1\r\nHost: x\r\n\r\n'))[0]).toMatchObject({
      message: { bodyAt: -1 },
    });
    expect(new HttpFramer('response').feed(Buffer.from('HTTP/1.1 204 No Content\r\n\r\n'))[0]).toMatchObject({
      message: { bodyAt: -1 },
    });
  });

  it('gives up on a body over its bound, passes the bytes through, and resyncs at the next request', () => {
    const framer = new HttpFramer('request');
    const head = Buffer.from(`POST /big HTTP/1.1\r\nContent-Length: ${MAX_BODY_BYTES + 1}\r\n\r\n`);
    const out = framer.feed(head);
    expect(out).toHaveLength(1);
    expect('unframed' in out[0]).toBe(true);
    expect(framer.busy).toBe(false);
    // the body that follows is not a message start: it passes through
    expect('unframed' in framer.feed(Buffer.from('xxxx'))[0]).toBe(true);
    expect(messages(framer.feed(request('{"next":1}')))).toEqual(['{"next":1}']);
  });

  it('gives up on a reply whose body runs until close', () => {
    const out = new HttpFramer('response').feed(Buffer.from('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil close'));
    expect('unframed' in out[0]).toBe(true);
  });
});

describe('HttpFramer on event streams (SSE)', () => {
  const head = 'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n';
  const chunk = (s: string): string => `${Buffer.byteLength(s).toString(16)}\r\n${s}\r\n`;

  it('cuts a chunked stream into its events, re-chunked one per event, then its end', () => {
    const framer = new HttpFramer('response');
    // two events split across chunks differently from their boundaries, fed in small reads
    const wire = Buffer.from(`${head}${chunk('data: {"a":1}\n\nda')}${chunk('ta: {"b":2}\n')}${chunk('\n')}0\r\n\r\n`);
    const out: Framed[] = [];
    for (let i = 0; i < wire.length; i += 7) out.push(...framer.feed(wire.subarray(i, i + 7)));
    const parts = out.map((f) => ('message' in f ? [f.message.part, f.message.raw.toString()] : ['unframed', '']));
    expect(parts).toEqual([
      ['head', head],
      ['event', chunk('data: {"a":1}\n\n')],
      ['event', chunk('data: {"b":2}\n\n')],
      ['end', '0\r\n\r\n'],
    ]);
    const ev = (out[1] as { message: { raw: Buffer; bodyAt: number } }).message;
    expect(String.fromCharCode(ev.raw[ev.bodyAt])).toBe('{');
    expect(framer.busy).toBe(false);
  });

  it('passes the events of a stream without length as they are, and stays open', () => {
    const framer = new HttpFramer('response');
    const out = framer.feed(
      Buffer.from(
        'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\nevent: x\r\ndata: hi\r\n\r\ndata: partial',
      ),
    );
    expect(out.map((f) => ('message' in f ? f.message.raw.toString() : ''))).toEqual([
      'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n',
      'event: x\r\ndata: hi\r\n\r\n',
    ]);
    expect(framer.busy).toBe(true);
  });
});
