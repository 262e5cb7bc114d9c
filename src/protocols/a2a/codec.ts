/**
 * AgentMessage ↔ A2A Message. The text travels as one text part; the other storm fields ride in
 * `message.metadata.storm`, which A2A carries untouched end to end. A message from a stock A2A
 * client has no such metadata, so every field gets a sensible default instead of failing.
 */
import { randomUUID } from 'node:crypto';
import { Role, TaskState } from '@a2a-js/sdk';
import type { Artifact, Message, Part, Task, TaskStatus } from '@a2a-js/sdk';
import { envelopeOf, type MessageEnvelope } from '../envelope.js';
import type { AgentMessage, AgentReply } from '../types.js';

/** Key under `message.metadata` that holds the non-content AgentMessage fields. */
export const STORM_METADATA_KEY = 'storm';

function textPart(text: string): Part {
  return { content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' };
}

function agentMessage(text: string, contextId: string, taskId: string): Message {
  return {
    messageId: randomUUID(),
    contextId,
    taskId,
    role: Role.ROLE_AGENT,
    parts: [textPart(text)],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

/** The concatenated text parts of an A2A message (non-text parts are ignored). */
export function textOf(message: Message | undefined): string {
  if (!message) return '';
  let out = '';
  for (const part of message.parts) if (part.content?.$case === 'text') out += part.content.value;
  return out;
}

/** Encode a storm message as the A2A user message sent with SendMessage. */
export function toA2AMessage(msg: AgentMessage): Message {
  const meta = envelopeOf(msg);
  return {
    messageId: msg.id,
    contextId: '',
    taskId: '',
    role: Role.ROLE_USER,
    parts: [textPart(msg.content)],
    metadata: { [STORM_METADATA_KEY]: meta },
    extensions: [],
    referenceTaskIds: [],
  };
}

/** Decode an incoming A2A message; defaults fill in what a non-storm client did not send. */
export function fromA2AMessage(message: Message): AgentMessage {
  const raw = (message.metadata?.[STORM_METADATA_KEY] ?? {}) as Partial<MessageEnvelope>;
  const str = (v: unknown, d: string): string => (typeof v === 'string' && v !== '' ? v : d);
  const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  return {
    id: str(raw.id, message.messageId),
    task_id: str(raw.task_id, message.contextId || message.messageId),
    step: num(raw.step, 0),
    from: str(raw.from, 'a2a-client'),
    type: str(raw.type, 'message'),
    content: textOf(message),
    ttl: num(raw.ttl, 0),
  };
}

/** An ok reply: a plain agent Message (no task is created or stored). */
export function replyMessage(content: string, contextId: string): Message {
  return agentMessage(content, contextId, '');
}

/** An error reply: a Task in the `failed` state whose status message carries the error text. */
export function failedTask(error: string, taskId: string, contextId: string, request: Message): Task {
  return {
    id: taskId,
    contextId,
    status: {
      state: TaskState.TASK_STATE_FAILED,
      message: agentMessage(error, contextId, taskId),
      timestamp: new Date().toISOString(),
    },
    artifacts: [],
    history: [request],
    metadata: undefined,
  };
}

/** A task status at this moment, optionally with an agent message (the error text of a failure). */
export function taskStatus(state: TaskState, contextId: string, taskId: string, text?: string): TaskStatus {
  return {
    state,
    message: text === undefined ? undefined : agentMessage(text, contextId, taskId),
    timestamp: new Date().toISOString(),
  };
}

/** The first event of a streamed task: it exists, holding the request, and has not started. */
export function submittedTask(taskId: string, contextId: string, request: Message): Task {
  return {
    id: taskId,
    contextId,
    status: taskStatus(TaskState.TASK_STATE_SUBMITTED, contextId, taskId),
    artifacts: [],
    history: [request],
    metadata: undefined,
  };
}

/** The answer of a streamed task, delivered as its one artifact. */
export function answerArtifact(content: string): Artifact {
  return {
    artifactId: randomUUID(),
    name: 'answer',
    description: '',
    parts: [textPart(content)],
    metadata: undefined,
    extensions: [],
  };
}

const FAILED_STATES = new Set([
  TaskState.TASK_STATE_FAILED,
  TaskState.TASK_STATE_REJECTED,
  TaskState.TASK_STATE_CANCELED,
]);

/** Map what SendMessage returned (Message or Task) to a storm reply, honouring the task state. */
export function toReply(result: Message | Task): AgentReply {
  if ('messageId' in result) return { ok: true, content: textOf(result) };
  const state = result.status?.state ?? TaskState.TASK_STATE_UNSPECIFIED;
  const statusText = textOf(result.status?.message);
  if (FAILED_STATES.has(state)) return { ok: false, error: statusText || `task ${TaskState[state] ?? state}` };
  if (state !== TaskState.TASK_STATE_COMPLETED)
    return { ok: false, error: `task not finished: ${TaskState[state] ?? state}` };
  // A completed task may answer in its status message or in artifacts (other A2A agents do both).
  const artifactText = result.artifacts
    .flatMap((a) => a.parts)
    .map((p) => (p.content?.$case === 'text' ? p.content.value : ''))
    .join('');
  return { ok: true, content: statusText || artifactText };
}
