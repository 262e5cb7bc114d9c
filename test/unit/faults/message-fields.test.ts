/**
 * Finding the storm message in a request body, for the shapes the protocols put on the wire — built
 * with the protocols' own codecs (a2a and anp are covered on the wire by the e2e tests).
 */
import { describe, expect, it } from 'vitest';
import { messageFields } from '../../../src/faults/message-fields.js';
import { toAcpInput } from '../../../src/protocols/acp/codec.js';
import { renderMessage } from '../../../src/protocols/agora/natural.js';
import type { AgentMessage } from '../../../src/protocols/types.js';

const msg: AgentMessage = {
  id: 'm-1',
  task_id: 't-7',
  step: 1,
  from: 'client',
  type: 'question',
  content: 'who {is} "it"?',
  ttl: 4,
};
const want = { id: 'm-1', task: 't-7', step: 1, type: 'question' };
const body = (v: unknown): Buffer => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe('messageFields', () => {
  it('reads the plain json message', () => {
    expect(messageFields(body(msg))).toEqual(want);
  });

  it('reads A2A metadata inside a JSON-RPC request', () => {
    const rpc = {
      jsonrpc: '2.0',
      id: 3,
      method: 'SendMessage',
      params: {
        message: {
          messageId: 'm-1',
          parts: [{ text: msg.content }],
          metadata: { storm: { ...msg, content: undefined } },
        },
      },
    };
    expect(messageFields(body(rpc))).toEqual(want);
  });

  it('reads the JSON string of an ACP part', () => {
    expect(messageFields(body({ agent_name: 'w', input: toAcpInput(msg), mode: 'sync' }))).toEqual(want);
  });

  it('reads Agora structured bodies and the natural-language fallback', () => {
    expect(messageFields(body({ protocolHash: 'h', protocolSources: [], body: JSON.stringify(msg) }))).toEqual(want);
    expect(messageFields(body({ protocolHash: null, protocolSources: null, body: renderMessage(msg) }))).toEqual(want);
  });

  it('finds nothing in heartbeats, cards and non-JSON', () => {
    expect(messageFields(Buffer.alloc(0))).toBeUndefined();
    expect(messageFields(body({ jsonrpc: '2.0', method: 'GetAgentCard' }))).toBeUndefined();
    expect(messageFields(body('\u0000{"task_id":"t","type":"q"}'))).toBeUndefined();
  });
});
