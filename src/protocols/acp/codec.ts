/**
 * ACP wire shapes (the REST API's Message, Run, AgentManifest, Error) and the mapping to storm's
 * AgentMessage. The text travels as a `text/plain` part; the other storm fields travel as a second
 * part with content_type `application/json` whose content is `{"id","task_id","step","from","type","ttl"}`.
 * A second part rather than part `metadata`, because ACP reserves part metadata for citation and
 * trajectory objects and strict clients (acp-sdk's schemas) reject anything else there.
 */
import type { AgentMessage } from '../types.js';

/** Content type of the part carrying the non-content storm fields. */
export const STORM_PART_TYPE = 'application/json';

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
  created_at?: string | null;
  completed_at?: string | null;
}

/** ACP error object (also the body of every 4xx/5xx). */
export interface AcpError {
  code: 'server_error' | 'invalid_input' | 'not_found';
  message: string;
  data?: unknown;
}

/** The lifecycle states of an ACP run. */
export type RunStatus = 'created' | 'in-progress' | 'awaiting' | 'cancelling' | 'cancelled' | 'completed' | 'failed';

/** An ACP Run as GET /runs/{id} and POST /runs return it. */
export interface AcpRun {
  run_id: string;
  agent_name: string;
  session_id: string | null;
  status: RunStatus;
  await_request: null;
  output: AcpMessage[];
  error: AcpError | null;
  created_at: string;
  finished_at: string | null;
}

type StormFields = Omit<AgentMessage, 'content'>;

/** The ACP input message for one storm message. */
export function toAcpInput(msg: AgentMessage): AcpMessage[] {
  const fields: StormFields = { id: msg.id, task_id: msg.task_id, step: msg.step, from: msg.from, type: msg.type, ttl: msg.ttl };
  return [{ role: 'user', parts: [{ content_type: 'text/plain', content: msg.content }, { content_type: STORM_PART_TYPE, content: JSON.stringify(fields) }] }];
}

function isText(part: AcpPart): boolean {
  // ACP's default content type is text/plain; base64 or URL parts are not text storm can use.
  const type = part.content_type ?? 'text/plain';
  return type.startsWith('text/plain') && typeof part.content === 'string' && (part.content_encoding ?? 'plain') === 'plain';
}

/** All plain-text content of some messages, in order. */
export function textOf(messages: AcpMessage[]): string {
  return messages.flatMap((m) => m.parts ?? []).filter(isText).map((p) => p.content).join('');
}

function stormFields(messages: AcpMessage[]): Partial<StormFields> {
  for (const part of messages.flatMap((m) => m.parts ?? [])) {
    if (part.content_type !== STORM_PART_TYPE || typeof part.content !== 'string') continue;
    try {
      const v = JSON.parse(part.content) as Partial<StormFields> | null;
      if (v && typeof v === 'object' && typeof v.task_id === 'string') return v;
    } catch {
      // an application/json part that is not storm's: ignore it
    }
  }
  return {};
}

/** Decode a run's input; a plain ACP client (no storm part) gets defaults. */
export function fromAcpInput(input: AcpMessage[], runId: string, sessionId: string | null): AgentMessage {
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

/** Check the shape of POST /runs `input`; returns a reason when it is not a list of messages. */
export function checkInput(input: unknown): string | undefined {
  if (!Array.isArray(input)) return '"input" must be a list of messages';
  for (const [i, m] of input.entries()) {
    const msg = m as Partial<AcpMessage> | null;
    if (!msg || typeof msg !== 'object' || !Array.isArray(msg.parts)) return `input[${i}] must be a message with "parts"`;
  }
  return undefined;
}
