/**
 * Where a flow's message type travels on the wire. A step sent to an agent group is an HTTP request
 * carrying `type: <message_type>`; a step sent to `client` is no request of its own: it is the reply
 * to the previous step's request, carried back along the chain. Message faults need to know which.
 */
import type { FlowStep } from './types.js';

/** How message type `type` appears on the wire: as requests of these types, and as replies to those. */
export interface MessageCarriers {
  /** Requests whose `type` is the message type. */
  requests: string[];
  /** Request types whose reply carries the message type (steps `… → client`). */
  replies: string[];
}

/** Where `type` travels in `flow` (both lists empty when no step carries it). */
export function carriersOf(flow: readonly FlowStep[], type: string): MessageCarriers {
  const requests = new Set<string>();
  const replies = new Set<string>();
  flow.forEach((step, k) => {
    if (step.messageType !== type) return;
    if (step.to !== 'client') requests.add(type);
    else if (k > 0 && flow[k - 1].to !== 'client') replies.add(flow[k - 1].messageType);
  });
  return { requests: [...requests], replies: [...replies] };
}
