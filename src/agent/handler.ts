/**
 * What an agent does with a delivered message. Internal messages (`lookup`) go to the tool's peer
 * handler. Anything else is step `msg.step` of the flow: run the tool, then either answer (the
 * next step goes to the client, or there is none) or forward step+1 to a live member of the next
 * group and return its reply — the chain is synchronous, so the driver's request returns when the
 * whole pipeline did.
 */
import type { AgentEvent, AgentPeer } from './contract.js';
import { now } from './events.js';
import { WARM_UP_TYPE } from './warm-up.js';
import type { AgentMessage, AgentReply, MessageHandler } from '../protocols/types.js';
import type { FlowStep } from '../scenario/types.js';
import { INTERNAL_TYPES, type Tool, type ToolContext } from '../tools/types.js';

export interface HandlerOptions {
  flow: FlowStep[];
  tool: Tool;
  ctx: ToolContext;
  emit: (event: AgentEvent) => void;
}

/**
 * Send `msg` to a live member of `group`, round-robin, moving on after transport failures. An ok
 * reply is recorded as the member's execution of the step, on this side too: if the member is
 * SIGKILLed before its own event batch leaves, the execution it did is not lost (SPEC §2.5).
 */
export class Forwarder {
  private readonly next = new Map<string, number>();

  constructor(
    private readonly ctx: ToolContext,
    private readonly emit: (event: AgentEvent) => void,
  ) {}

  /** The reply of the first member that answered; an error reply when none could. */
  async forward(group: string, msg: AgentMessage): Promise<AgentReply> {
    const alive = this.ctx.detector.alive(group);
    if (alive.length === 0) return { ok: false, error: `no live ${group} member` };
    const start = this.next.get(group) ?? 0;
    this.next.set(group, (start + 1) % alive.length);
    for (let i = 0; i < alive.length; i++) {
      const peer: AgentPeer = alive[(start + i) % alive.length];
      // The detector may have declared it dead while an earlier attempt was failing.
      if (i > 0 && !this.ctx.detector.isAlive(peer.id)) continue;
      try {
        const reply = await this.ctx.sendToPeer(peer, msg);
        if (reply.ok) this.emit({ type: 'exec', at: now(), task: msg.task_id, step: msg.step, executor: peer.id });
        return reply;
      } catch {
        // transport failure: the detector has been told; try the next member
      }
    }
    return { ok: false, error: `no live ${group} member` };
  }
}

/** Build the agent's MessageHandler. */
export function createHandler(opts: HandlerOptions): MessageHandler {
  const { flow, tool, ctx, emit } = opts;
  const forwarder = new Forwarder(ctx, emit);
  return async (msg) => {
    // the agent's own warm-up before readiness, and the driver's before t=0 (warm-up.ts, driver.ts):
    // no tool run, no execution recorded
    if (msg.type === WARM_UP_TYPE && (msg.from === ctx.id || msg.from === 'client')) return { ok: true, content: '' };
    if (INTERNAL_TYPES.has(msg.type)) {
      if (!tool.onPeerMessage) return { ok: false, error: `unsupported message type "${msg.type}"` };
      return tool.onPeerMessage(msg, ctx);
    }
    emit({ type: 'exec', at: now(), task: msg.task_id, step: msg.step });
    let output: string;
    try {
      output = await tool.run(msg, ctx);
    } catch (err) {
      return { ok: false, error: (err as Error).message ?? String(err) };
    }
    const nextStep = flow[msg.step + 1];
    if (!nextStep || nextStep.to === 'client' || nextStep.from !== ctx.group) return { ok: true, content: output };
    const out: AgentMessage = {
      ...msg,
      id: ctx.newId(),
      step: msg.step + 1,
      from: ctx.id,
      type: nextStep.messageType,
      content: output,
    };
    return forwarder.forward(nextStep.to, out);
  };
}
