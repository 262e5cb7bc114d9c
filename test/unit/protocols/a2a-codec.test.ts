/** The A2A ↔ storm mapping: defaults for stock clients, task states → replies. */
import { describe, expect, it } from 'vitest';
import { Role, TaskState, type Message, type Task } from '@a2a-js/sdk';
import { fromA2AMessage, toA2AMessage, toReply } from '../../../src/protocols/a2a/codec.js';

const text = (value: string) => ({
  content: { $case: 'text' as const, value },
  metadata: undefined,
  filename: '',
  mediaType: 'text/plain',
});
const message = (parts: ReturnType<typeof text>[], metadata?: Record<string, unknown>): Message => ({
  messageId: 'mid',
  contextId: 'ctx',
  taskId: '',
  role: Role.ROLE_USER,
  parts,
  metadata,
  extensions: [],
  referenceTaskIds: [],
});
const task = (state: TaskState, status?: string, artifact?: string): Task => ({
  id: 't',
  contextId: 'c',
  history: [],
  metadata: undefined,
  status: { state, message: status === undefined ? undefined : message([text(status)]), timestamp: undefined },
  artifacts:
    artifact === undefined
      ? []
      : [{ artifactId: 'a', name: '', description: '', parts: [text(artifact)], metadata: undefined, extensions: [] }],
});

describe('a2a codec', () => {
  it('round-trips a storm message', () => {
    const m = { id: 'm', task_id: 't', step: 1, from: 'a', type: 'q', content: 'c', ttl: 2 };
    expect(fromA2AMessage(toA2AMessage(m))).toEqual(m);
  });

  it('fills defaults for a message without storm metadata and joins text parts', () => {
    expect(fromA2AMessage(message([text('a'), text('b')]))).toEqual({
      id: 'mid',
      task_id: 'ctx',
      step: 0,
      from: 'a2a-client',
      type: 'message',
      content: 'ab',
      ttl: 0,
    });
  });

  it('maps task states to replies', () => {
    expect(toReply(task(TaskState.TASK_STATE_COMPLETED, undefined, 'from artifact'))).toEqual({
      ok: true,
      content: 'from artifact',
    });
    expect(toReply(task(TaskState.TASK_STATE_COMPLETED, 'from status'))).toEqual({ ok: true, content: 'from status' });
    expect(toReply(task(TaskState.TASK_STATE_FAILED, 'boom'))).toEqual({ ok: false, error: 'boom' });
    expect(toReply(task(TaskState.TASK_STATE_REJECTED))).toMatchObject({ ok: false });
    expect(toReply(task(TaskState.TASK_STATE_WORKING))).toMatchObject({
      ok: false,
      error: expect.stringContaining('not finished'),
    });
  });
});
