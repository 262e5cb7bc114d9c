/**
 * Checks of the ACP request bodies (RunCreateRequest, RunResumeRequest) before anything runs, so bad
 * input is a clear `invalid_input` error and never reaches the agent. Deliberately hand-written rather
 * than a schema validator on the hot path: a sync round trip must stay well under a millisecond.
 */
import type { AcpAwaitRequest, AcpMessage } from './codec.js';

export type RunMode = 'sync' | 'async' | 'stream';

/** A request that failed a check: HTTP status and the message of the ACP error. */
export interface Rejection {
  status: number;
  message: string;
}

export interface CreateRequest {
  agentName: string;
  input: AcpMessage[];
  mode: RunMode;
  sessionId?: string;
}

export interface ResumeRequest {
  awaitResume: AcpAwaitRequest;
  mode: RunMode;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MODES: readonly string[] = ['sync', 'async', 'stream'];

/** Whether `v` is a UUID string (RunId, SessionId). */
export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && UUID.test(v);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (message: string): Rejection => ({ status: 422, message });

/** Why `m` is not an ACP Message, or undefined when it is one. */
export function messageProblem(m: unknown, where: string): string | undefined {
  if (!isObject(m)) return `${where} must be a message object`;
  if (typeof m.role !== 'string') return `${where}.role must be a string ("user", "agent" or "agent/<name>")`;
  if (!Array.isArray(m.parts) || m.parts.length === 0) return `${where}.parts must be a non-empty list of parts`;
  for (const [i, p] of m.parts.entries()) {
    const at = `${where}.parts[${i}]`;
    if (!isObject(p)) return `${at} must be an object`;
    if (p.content_type != null && typeof p.content_type !== 'string') return `${at}.content_type must be a string`;
    if (p.content != null && typeof p.content !== 'string') return `${at}.content must be a string`;
    if (p.content != null && p.content_url != null) return `${at} has both content and content_url`;
    if (p.content_encoding != null && p.content_encoding !== 'plain' && p.content_encoding !== 'base64')
      return `${at}.content_encoding must be plain or base64`;
  }
  return undefined;
}

function modeOf(v: unknown): RunMode | Rejection {
  if (v == null) return 'sync';
  return typeof v === 'string' && MODES.includes(v)
    ? (v as RunMode)
    : invalid(`mode must be sync, async or stream (got ${JSON.stringify(v)})`);
}

/** Check a POST /runs body. A null session_id counts as absent (some clients send it). */
export function checkCreate(body: unknown): CreateRequest | Rejection {
  if (!isObject(body)) return invalid('the body must be a JSON object (RunCreateRequest)');
  if (typeof body.agent_name !== 'string') return invalid('agent_name must be a string');
  if (!Array.isArray(body.input) || body.input.length === 0)
    return invalid('input must be a non-empty list of messages');
  for (const [i, m] of body.input.entries()) {
    const problem = messageProblem(m, `input[${i}]`);
    if (problem) return invalid(problem);
  }
  const mode = modeOf(body.mode);
  if (typeof mode !== 'string') return mode;
  if (body.session_id != null && !isUuid(body.session_id)) return invalid('session_id must be a UUID');
  let sessionId = body.session_id ?? undefined;
  if (body.session != null) {
    if (!isObject(body.session) || !isUuid(body.session.id))
      return invalid('session must be a Session object with a UUID id');
    if (sessionId !== undefined && sessionId !== body.session.id)
      return { status: 400, message: 'Session ID mismatch' };
    sessionId = body.session.id;
  }
  return {
    agentName: body.agent_name,
    input: body.input as AcpMessage[],
    mode,
    sessionId: sessionId as string | undefined,
  };
}

/**
 * Check a POST /runs/{run_id} body. The run id comes from the path: the OpenAPI requires it in the body
 * too, but acp-sdk never sends it there, so it is only checked when present.
 */
export function checkResume(body: unknown, runId: string): ResumeRequest | Rejection {
  if (!isObject(body)) return invalid('the body must be a JSON object (RunResumeRequest)');
  if (body.run_id != null && body.run_id !== runId)
    return { status: 400, message: 'run_id in the body does not match the path' };
  const r = body.await_resume;
  if (!isObject(r) || typeof r.type !== 'string') return invalid('await_resume must be an object with a "type"');
  if (r.type === 'message') {
    const problem = messageProblem(r.message, 'await_resume.message');
    if (problem) return invalid(problem);
  }
  const mode = modeOf(body.mode);
  if (typeof mode !== 'string') return mode;
  return { awaitResume: r as AcpAwaitRequest, mode };
}

/** Whether a check returned a rejection. */
export function isRejection(v: object): v is Rejection {
  return 'status' in v && 'message' in v && !('mode' in v);
}
