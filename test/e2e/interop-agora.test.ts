/**
 * Agora interop with a real process: `storm agent --protocol agora` answers the working standard's
 * example exchanges (../shared/interop/agora/agora-vectors.json) that need no special receiver, and a
 * request shaped as the reference library (agora-protocol/python 0.2.0) sends it: base64 SHA-1 and a
 * `data:` source holding storm's document.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { requestJson } from '../../src/protocols/http-client.js';
import { encodeDataUri } from '../../src/protocols/agora/data-uri.js';
import { STORM_PROTOCOL_DOCUMENT, STORM_PROTOCOL_HASH } from '../../src/protocols/agora/documents.js';
import { sha1Base64, sha1Hex } from '../../src/protocols/agora/hash.js';
import { decodeDataUri } from '../../src/protocols/agora/data-uri.js';
import { have, loadVectors } from '../unit/protocols/agora/interop-vectors.js';
import { CLI, killAll, startReady } from './interop-process.js';

afterAll(killAll);

/** Cases whose precondition a storm agent meets (it does not implement the weather protocol; X5 needs a clock). */
const PLAIN = ['X1', 'X4', 'X7', 'X8', 'X10', 'X11', 'X12', 'X14', 'X15', 'X16'];

describe.skipIf(!have)('agora: `storm agent --protocol agora` against the standard and the reference sender', () => {
  it('answers the standard example exchanges, a reference-library sender, and lists what it supports', async () => {
    const { url } = await startReady([
      CLI,
      'agent',
      '--protocol',
      'agora',
      '--tool',
      'echo',
      '--port',
      '0',
      '--id',
      'worker-0',
    ]);
    const exchanges = loadVectors().exchanges.filter((x) => PLAIN.includes(x.case.split('-')[0]));
    expect(exchanges).toHaveLength(PLAIN.length);
    for (const x of exchanges) {
      const res = await requestJson(undefined, `${url}${x.request.path}`, {
        method: x.request.method,
        body: x.request.json ?? x.request.raw_body,
        timeoutMs: 5000,
      });
      expect([x.case, res.status]).toEqual([x.case, x.response.status]);
      const want = x.response.json;
      const got = res.body as Record<string, unknown>;
      if (want?.status === 'failure') expect([x.case, got]).toEqual([x.case, want]); // every failure text here is fixed
      if (want?.status === 'success')
        expect([x.case, got.status, typeof got.body]).toEqual([x.case, 'success', 'string']);
    }

    // the reference library's sender: base64 SHA-1, a data: source, the body as a JSON string
    const msg = { id: 'r-1', task_id: 't-1', step: 0, from: 'client', type: 'question', content: 'hello', ttl: 0 };
    const ref = await requestJson(undefined, `${url}/`, {
      body: {
        protocolHash: sha1Base64(STORM_PROTOCOL_DOCUMENT),
        protocolSources: [encodeDataUri(STORM_PROTOCOL_DOCUMENT)],
        body: JSON.stringify(msg),
        multiround: false,
      },
      timeoutMs: 5000,
    });
    expect(ref.body).toEqual({ status: 'success', body: { ok: true, content: 'hello' } });

    // the agent learned storm's document in its own warm-up: /wellknown lists it, with a source that verifies
    const known = (await requestJson(undefined, `${url}/wellknown`, { timeoutMs: 5000 })).body as Record<
      string,
      string[]
    >;
    expect(Object.keys(known)).toEqual([STORM_PROTOCOL_HASH]);
    const src = known[STORM_PROTOCOL_HASH][0];
    const text = src.startsWith('data:')
      ? (decodeDataUri(src, 1 << 16) as { text: string }).text
      : (await requestJson(undefined, src, { timeoutMs: 5000 })).text;
    expect(sha1Hex(text)).toBe(STORM_PROTOCOL_HASH);
  });
});
