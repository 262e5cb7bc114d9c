/**
 * Routines: what a receiver runs for a protocol it supports. In Agora a language model reads a new
 * document and writes a routine; storm's deterministic stand-in picks a routine written in advance by
 * the `name` in the metadata of a fetched, hash-verified document. Built-in agents have one routine,
 * for storm's own document; tests add others (e.g. the standard's weather example).
 */
import { callHandler, replyBody } from '../json/server.js';
import type { AgentMessage, MessageHandler } from '../types.js';
import { STORM_PROTOCOL_NAME } from './documents.js';

/** An Agora `body`: the standard allows a string or a JSON object (§6.1, §6.2). */
export type AgoraBody = string | Record<string, unknown>;

/** Implements the documents whose metadata names `name`. */
export interface AgoraRoutine {
  name: string;
  /** The response body for a request body; protocol-level errors go inside it (standard §10.3). */
  run(body: AgoraBody, handler: MessageHandler): Promise<AgoraBody>;
}

/** A storm message from a structured body (object, or a string holding the JSON), or why not. */
export function messageFromBody(body: AgoraBody): AgentMessage | string {
  let v: unknown = body;
  if (typeof body === 'string') {
    try {
      v = JSON.parse(body);
    } catch {
      return 'body is not JSON';
    }
  }
  const m = v as Partial<Record<keyof AgentMessage, unknown>> | null;
  if (!m || typeof m !== 'object' || Array.isArray(m)) return 'body must be a JSON object';
  if (typeof m.content !== 'string') return '"content" must be a string';
  return {
    id: typeof m.id === 'string' ? m.id : '',
    task_id: typeof m.task_id === 'string' ? m.task_id : '',
    step: typeof m.step === 'number' && Number.isSafeInteger(m.step) ? m.step : 0,
    from: typeof m.from === 'string' ? m.from : 'client',
    type: typeof m.type === 'string' ? m.type : '',
    content: m.content,
    ttl: typeof m.ttl === 'number' && Number.isSafeInteger(m.ttl) ? m.ttl : 0,
  };
}

/** The routine for storm's document: the message goes to the agent's handler. */
export const stormRoutine: AgoraRoutine = {
  name: STORM_PROTOCOL_NAME,
  async run(body, handler) {
    const msg = messageFromBody(body);
    if (typeof msg === 'string') return { ok: false, error: `Invalid format: ${msg}` };
    return replyBody(await callHandler(handler, msg));
  },
};
