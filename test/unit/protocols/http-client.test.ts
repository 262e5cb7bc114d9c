/** The shared HTTP client's limits: an oversized reply is a failed exchange, never a crash. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_REPLY_BYTES, maxReplyBytes, requestJson } from '../../../src/protocols/http-client.js';

let server: http.Server;
let url: string;

beforeAll(async () => {
  // GET /bytes/<n> answers with n bytes, streamed in 64 KiB chunks
  server = http.createServer((req, res) => {
    let left = Number(req.url?.split('/')[2] ?? 0);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const write = (): void => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!res.write(chunk.subarray(0, n))) return void res.once('drain', write);
      }
      res.end();
    };
    write();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe('requestJson reply size limit', () => {
  it('takes a reply up to the limit and fails one beyond it with EREPLYSIZE', async () => {
    const ok = await requestJson(undefined, `${url}/bytes/1000`, { timeoutMs: 5000, maxBytes: 1000 });
    expect(ok.text.length).toBe(1000);
    await expect(
      requestJson(undefined, `${url}/bytes/1001`, { timeoutMs: 5000, maxBytes: 1000 }),
    ).rejects.toMatchObject({ code: 'EREPLYSIZE' });
  });

  it('defaults to 10 MiB: an 11 MiB reply is refused without buffering it all', async () => {
    await expect(
      requestJson(undefined, `${url}/bytes/${11 * 1024 * 1024}`, { timeoutMs: 20_000 }),
    ).rejects.toMatchObject({ code: 'EREPLYSIZE' });
  });

  it('reads STORM_MAX_REPLY_BYTES, ignoring values that are not positive integers', () => {
    expect(maxReplyBytes({})).toBe(DEFAULT_MAX_REPLY_BYTES);
    expect(maxReplyBytes({ STORM_MAX_REPLY_BYTES: '2048' })).toBe(2048);
    expect(maxReplyBytes({ STORM_MAX_REPLY_BYTES: '-1' })).toBe(DEFAULT_MAX_REPLY_BYTES);
    expect(maxReplyBytes({ STORM_MAX_REPLY_BYTES: 'lots' })).toBe(DEFAULT_MAX_REPLY_BYTES);
  });
});
