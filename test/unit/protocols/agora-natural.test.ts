import { describe, expect, it } from 'vitest';
import { parseMessage, parseReply, renderMessage, renderReply } from '../../../src/protocols/agora/natural.js';
import { understand } from '../../../src/protocols/agora/understand.js';
import type { AgentMessage } from '../../../src/protocols/types.js';

const m: AgentMessage = {
  id: 'q-17',
  task_id: 'task-4',
  step: 1,
  from: 'worker-2',
  type: 'question',
  content: 'Who wrote "Dune"?',
  ttl: 4,
};

describe('agora natural-language fallback', () => {
  it('round-trips every message field', () => {
    expect(parseMessage(renderMessage(m))).toEqual(m);
    const odd = { ...m, id: 'id with spaces', from: 'client', content: '', ttl: 0, step: 0 };
    expect(parseMessage(renderMessage(odd))).toEqual(odd);
  });

  it('reads a loosely written request (case, spacing, bare values)', () => {
    const text =
      'hello, THIS IS worker-5.  please handle   Message abc-1 of Task t-2: an answer at Step 3 that may be forwarded 2 more times.\ncontent:\nParis';
    expect(parseMessage(text)).toEqual({
      id: 'abc-1',
      task_id: 't-2',
      step: 3,
      from: 'worker-5',
      type: 'answer',
      content: 'Paris',
      ttl: 2,
    });
  });

  it('says what is missing instead of guessing ids', () => {
    expect(parseMessage('Please do something.\nContent:\nx')).toBe('no message id or task id');
    expect(parseMessage('message "a" of task "b"')).toBe('no "Content:" line');
  });

  it('round-trips replies', () => {
    expect(parseReply(renderReply({ ok: true, content: 'Frank Herbert\nsecond line' }))).toEqual({
      ok: true,
      content: 'Frank Herbert\nsecond line',
    });
    expect(parseReply(renderReply({ ok: false, error: 'no data: shard empty' }))).toEqual({
      ok: false,
      error: 'no data: shard empty',
    });
  });
});

describe('agora natural-language requests from other senders', () => {
  const ids = (): (() => string) => {
    let n = 0;
    return () => `gen-${++n}`;
  };
  const read = (body: string | Record<string, unknown>) => understand(body, ids());

  it("takes the task out of the standard's example sentences", () => {
    const cases: [string, string][] = [
      ['Hello! What is the weather tomorrow in London?', 'What is the weather tomorrow in London?'],
      [
        "Hello! What's the weather forecast for London on April 25th, 2025?",
        "What's the weather forecast for London on April 25th, 2025?",
      ],
      ["Thanks! What's the forecast for the 26th instead?", "What's the forecast for the 26th instead?"],
      ['What is the temperature?', 'What is the temperature?'],
      ["Hello! I'd like to ask multiple questions.", "I'd like to ask multiple questions."],
      ['Hi there, thanks again! Which shard holds q-3?', 'Which shard holds q-3?'],
      ['  good morning:\n  summarise the log  ', 'summarise the log'],
    ];
    for (const [text, content] of cases) {
      expect(read(text)).toEqual({
        msg: {
          id: 'gen-1',
          task_id: 'gen-1',
          step: 0,
          from: 'client',
          type: content.includes('?') ? 'question' : 'request',
          content,
          ttl: 0,
        },
        template: false,
      });
    }
  });

  it('honours labelled fields and a task marker line, in any order and case', () => {
    const text = 'Dear agent,\nTask_ID: "t 9"\nfrom = worker-3, TTL: 2, step: 1\nQuestion: Who wrote "Dune"?\nThanks!';
    expect(read(text)).toEqual({
      msg: {
        id: 'gen-1',
        task_id: 't 9',
        step: 1,
        from: 'worker-3',
        type: 'question',
        content: 'Who wrote "Dune"?\nThanks!',
        ttl: 2,
      },
      template: false,
    });
    expect(read('message_id: m-1\ntask id: t-1\ntype: lookup\nk-17')).toMatchObject({
      msg: { id: 'm-1', task_id: 't-1', type: 'lookup', content: 'k-17' },
    });
  });

  it("still reads storm's own sentence exactly", () => {
    expect(read(renderMessage(m))).toEqual({ msg: m, template: true });
  });

  it('reads object bodies and JSON text', () => {
    expect(read({ text: 'Hello! What is the weather tomorrow in London?' })).toMatchObject({
      msg: { content: 'What is the weather tomorrow in London?' },
    });
    expect(read({ query: 'capital of France?', text: 7 })).toMatchObject({ msg: { content: 'capital of France?' } });
    expect(read(JSON.stringify(m))).toEqual({ msg: m, template: false });
    expect(read({ ...m })).toEqual({ msg: m, template: false });
  });

  it('gives a reason, not a guess, when there is no request', () => {
    expect(read('')).toBe('the request is empty');
    expect(read('Hello!')).toBe('the text holds no request (only a greeting or labels)');
    expect(read('task_id: t-1')).toBe('the text holds no request (only a greeting or labels)');
    expect(read({ n: 1 })).toMatch(/^the body object has no text field/);
    expect(read('x'.repeat(100_001))).toMatch(/longer than 100000 characters/);
  });

  it('reads adversarial text in linear time (no regex backtracking blow-up)', () => {
    const t0 = performance.now();
    for (const text of [
      `${'ttl:'.repeat(20_000)} ?`,
      `Dear ${'a'.repeat(50_000)}`,
      `"${'\\"'.repeat(20_000)}`,
      `task_id: "${'x'.repeat(90_000)}`,
    ]) {
      expect(read(text)).toBeDefined();
    }
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
