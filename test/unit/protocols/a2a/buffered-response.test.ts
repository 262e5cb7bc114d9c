// BufferedResponse stands in for the Fetch Response in storm's own A2A client (node-fetch.ts): every
// part the SDK reads must behave as undici's Response does for the same status, headers and body.
import { describe, expect, it } from 'vitest';
import { BufferedResponse } from '../../../../src/protocols/a2a/buffered-response.js';

const HEADERS: [string, string][] = [
  ['Content-Type', 'application/json'],
  ['X-Seen', 'a'],
  ['x-seen', 'b'],
  ['ETag', '"v1"'],
];

function both(status: number, body: string | null, headers = HEADERS) {
  const bytes = body === null ? null : Buffer.from(body);
  return {
    ours: new BufferedResponse(bytes, status, 'Status', headers, 'http://127.0.0.1:1/x'),
    real: new Response(bytes === null ? null : new Uint8Array(bytes), { status, statusText: 'Status', headers }),
  };
}

const listed = (h: { forEach(fn: (v: string, k: string) => void): void }) => {
  const out: [string, string][] = [];
  h.forEach((v, k) => out.push([k, v]));
  return out;
};

describe('BufferedResponse behaves as Response for what the A2A SDK reads', () => {
  it.each([200, 201, 299, 300, 304, 404, 500])('ok and status for %i', (status) => {
    const { ours, real } = both(status, status === 304 ? null : '{}');
    expect(ours.ok).toBe(real.ok);
    expect(ours.status).toBe(real.status);
    expect(ours.statusText).toBe(real.statusText);
  });

  it('headers: case-insensitive get and has, repeated fields joined, forEach in sorted lower case', () => {
    const { ours, real } = both(200, '{}');
    for (const name of ['content-type', 'CONTENT-TYPE', 'x-seen', 'etag', 'missing']) {
      expect(ours.headers.get(name)).toBe(real.headers.get(name));
      expect(ours.headers.has(name)).toBe(real.headers.has(name));
    }
    expect(listed(ours.headers)).toEqual(listed(real.headers));
    expect([...ours.headers]).toEqual([...real.headers]);
  });

  it('text() and json() read the body once; a second read is a TypeError, as with fetch', async () => {
    const { ours, real } = both(200, '{"answer":42}');
    expect(await ours.json()).toEqual(await real.json());
    expect(ours.bodyUsed).toBe(real.bodyUsed);
    await expect(ours.text()).rejects.toThrow(TypeError);
    await expect(real.text()).rejects.toThrow(TypeError);
  });

  it('an event stream reads through body.pipeThrough(TextDecoderStream), as the SDK reads SSE', async () => {
    const sse = 'data: {"a":1}\n\ndata: {"b":2}\n\n';
    const { ours, real } = both(200, sse, [['Content-Type', 'text/event-stream']]);
    const read = async (r: { body: ReadableStream<Uint8Array> | null }) => {
      let text = '';
      for await (const piece of r.body!.pipeThrough(new TextDecoderStream())) text += piece;
      return text;
    };
    expect(ours.body).toBe(ours.body); // one stream, not a new one per access
    expect(ours.bodyUsed).toBe(false);
    expect(await read(ours)).toBe(await read(real));
    expect(ours.bodyUsed).toBe(true);
  });

  it('no body (204, 304): body is null and text() is empty', async () => {
    const { ours, real } = both(204, null);
    expect(ours.body).toBeNull();
    expect(real.body).toBeNull();
    expect(await ours.text()).toBe(await real.text());
  });
});
