/**
 * ACP wire shapes (the REST API's Message, Run, Event, Error; ACP OpenAPI i-am-bee/acp e8299f8) and the
 * mapping to storm's AgentMessage. The text travels as a `text/plain` part; the other storm fields travel
 * as a second part with content_type `application/json` whose content is `{"id","task_id","step","from",
 * "type","ttl"}`. A second part rather than part `metadata`, because ACP reserves part metadata for citation
 * and trajectory objects and strict clients (acp-sdk's schemas) reject anything else there.
 */
import { envelopeOf, type MessageEnvelope } from '../envelope.js';
import type { AgentMessage } from '../types.js';

/** Content type of the part carrying the non-content storm fields. */
export const STORM_PART_TYPE = 'application/json';

/**
 * Content type of the part that asks storm's agent to await before working (ACP has no wire-level way
 * for a client to ask for that; the part's content is the question the agent's await_request asks).
 */
export const AWAIT_PART_TYPE = 'application/vnd.storm.await';

/** One ACP message part (only the fields storm reads or writes). */
export interface AcpPart {
  name?: string | null;
  content_type?: string | null;
  content?: string | null;
  content_encoding?: 'plain' | 'base64' | null;
  content_url?: string | null;
  [extra: string]: unknown;
}

/** One ACP message. */
export interface AcpMessage {
  role: string;
  parts: AcpPart[];
  created_at?: string;
  completed_at?: string;
}

/** ACP error object (also the body of every 4xx/5xx). */
export interface AcpError {
  code: 'server_error' | 'invalid_input' | 'not_found';
  message: string;
  data?: Record<string, unknown> | null;
}

/** The lifecycle states of an ACP run. */
export type RunStatus = 'created' | 'in-progress' | 'awaiting' | 'cancelling' | 'cancelled' | 'completed' | 'failed';

/** What an awaiting run asks for (the reference SDK's message form). */
export interface AcpAwaitRequest {
  type: string;
  message?: AcpMessage;
  [extra: string]: unknown;
}

/**
 * An ACP Run as the routes return it. Key order is the wire order of the interop examples. `session_id`
 * and `finished_at` are absent rather than null: the OpenAPI types them as plain strings.
 */
export interface AcpRun {
  agent_name: string;
  run_id: string;
  status: RunStatus;
  await_request: AcpAwaitRequest | null;
  output: AcpMessage[];
  error: AcpError | null;
  created_at: string;
  session_id?: string;
  finished_at?: string;
}

/** The events of a run, in the OpenAPI's Event shapes (storm never emits `generic` or `error`). */
export type AcpEvent =
  | {
      type: 'run.created' | 'run.in-progress' | 'run.awaiting' | 'run.completed' | 'run.failed' | 'run.cancelled';
      run: AcpRun;
    }
  | { type: 'message.created' | 'message.completed'; message: AcpMessage }
  | { type: 'message.part'; part: AcpPart };

/** Run states after which nothing changes. */
export function isTerminal(status: RunStatus): boolean {
  return status === 'completed' || status === 'failed' || status === 'cancelled';
}

/** The ACP input message for one storm message. */
export function toAcpInput(msg: AgentMessage): AcpMessage[] {
  const fields = envelopeOf(msg);
  return [
    {
      role: 'user',
      parts: [
        { content_type: 'text/plain', content: msg.content },
        { content_type: STORM_PART_TYPE, content: JSON.stringify(fields) },
      ],
    },
  ];
}

function isText(part: AcpPart): boolean {
  // ACP's default content type is text/plain; base64 or URL parts are not text storm can use.
  const type = part.content_type ?? 'text/plain';
  return (
    type.startsWith('text/plain') && typeof part.content === 'string' && (part.content_encoding ?? 'plain') === 'plain'
  );
}

/** All plain-text content of some messages, in order. */
export function textOf(messages: AcpMessage[]): string {
  return messages
    .flatMap((m) => m.parts ?? [])
    .filter(isText)
    .map((p) => p.content)
    .join('');
}

/** The question of the first await part in `messages`, if a client asked the agent to await. */
export function awaitPromptOf(messages: AcpMessage[]): string | undefined {
  const part = messages.flatMap((m) => m.parts ?? []).find((p) => p.content_type === AWAIT_PART_TYPE);
  if (!part) return undefined;
  return typeof part.content === 'string' && part.content !== '' ? part.content : 'Shall I go on?';
}

function stormFields(messages: AcpMessage[]): Partial<MessageEnvelope> {
  for (const part of messages.flatMap((m) => m.parts ?? [])) {
    if (part.content_type !== STORM_PART_TYPE || typeof part.content !== 'string') continue;
    try {
      const v = JSON.parse(part.content) as Partial<MessageEnvelope> | null;
      if (v && typeof v === 'object' && typeof v.task_id === 'string') return v;
    } catch {
      // an application/json part that is not storm's: ignore it
    }
  }
  return {};
}

/** Decode a run's input; a plain ACP client (no storm part) gets defaults. */
export function fromAcpInput(input: AcpMessage[], runId: string, sessionId: string | undefined): AgentMessage {
  const f = stormFields(input);
  const str = (v: unknown, d: string): string => (typeof v === 'string' && v !== '' ? v : d);
  const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  return {
    id: str(f.id, runId),
    task_id: str(f.task_id, sessionId ?? runId),
    step: num(f.step, 0),
    from: str(f.from, 'acp-client'),
    type: str(f.type, 'message'),
    content: textOf(input),
    ttl: num(f.ttl, 0),
  };
}

/** One plain-text part as storm's agent writes it. */
export function textPart(content: string): AcpPart {
  return { content_type: 'text/plain', content, content_encoding: 'plain' };
}
