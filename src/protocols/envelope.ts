/**
 * A storm message without its content: what protocols that carry the content in their own message
 * shape (A2A text parts, ACP input parts) attach beside it so the receiver can rebuild the message.
 */
import type { AgentMessage } from './types.js';

export type MessageEnvelope = Omit<AgentMessage, 'content'>;

/** The envelope of `msg`: every field but the content. */
export function envelopeOf(msg: AgentMessage): MessageEnvelope {
  return { id: msg.id, task_id: msg.task_id, step: msg.step, from: msg.from, type: msg.type, ttl: msg.ttl };
}
