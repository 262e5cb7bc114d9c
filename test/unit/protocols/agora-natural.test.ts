import { describe, expect, it } from 'vitest';
import { parseMessage, parseReply, renderMessage, renderReply } from '../../../src/protocols/agora/natural.js';
import type { AgentMessage } from '../../../src/protocols/types.js';

const m: AgentMessage = { id: 'q-17', task_id: 'task-4', step: 1, from: 'worker-2', type: 'question', content: 'Who wrote "Dune"?', ttl: 4 };

describe('agora natural-language fallback', () => {
  it('round-trips every message field', () => {
    expect(parseMessage(renderMessage(m))).toEqual(m);
    const odd = { ...m, id: 'id with spaces', from: 'client', content: '', ttl: 0, step: 0 };
    expect(parseMessage(renderMessage(odd))).toEqual(odd);
  });

  it('reads a loosely written request (case, spacing, bare values)', () => {
    const text = 'hello, THIS IS worker-5.  please handle   Message abc-1 of Task t-2: an answer at Step 3 that may be forwarded 2 more times.\ncontent:\nParis';
    expect(parseMessage(text)).toEqual({ id: 'abc-1', task_id: 't-2', step: 3, from: 'worker-5', type: 'answer', content: 'Paris', ttl: 2 });
  });

  it('says what is missing instead of guessing ids', () => {
    expect(parseMessage('Please do something.\nContent:\nx')).toBe('no message id or task id');
    expect(parseMessage('message "a" of task "b"')).toBe('no "Content:" line');
  });

  it('round-trips replies', () => {
    expect(parseReply(renderReply({ ok: true, content: 'Frank Herbert\nsecond line' }))).toEqual({ ok: true, content: 'Frank Herbert\nsecond line' });
    expect(parseReply(renderReply({ ok: false, error: 'no data: shard empty' }))).toEqual({ ok: false, error: 'no data: shard empty' });
  });
});
