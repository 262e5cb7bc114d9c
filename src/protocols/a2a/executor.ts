/** The A2A AgentExecutor that hands each incoming message to the storm handler. */
import { AgentEvent } from '@a2a-js/sdk/server';
import type { AgentExecutor, ExecutionEventBus, RequestContext } from '@a2a-js/sdk/server';
import { TaskState } from '@a2a-js/sdk';
import type { AgentReply, MessageHandler } from '../types.js';
import { failedTask, fromA2AMessage, replyMessage } from './codec.js';

/** Runs the handler once per SendMessage: an ok reply is a Message, an error reply a `failed` Task. */
export class StormExecutor implements AgentExecutor {
  constructor(private readonly handler: MessageHandler) {}

  async execute(ctx: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const request = ctx.userMessage;
    let reply: AgentReply;
    try {
      reply = await this.handler(fromA2AMessage(request));
    } catch (err) {
      reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    if (reply.ok) {
      bus.publish(AgentEvent.message(replyMessage(reply.content ?? '', ctx.contextId)));
    } else {
      bus.publish(AgentEvent.task(failedTask(reply.error ?? 'error', ctx.taskId, ctx.contextId, request)));
    }
    bus.finished();
  }

  // Handlers run to completion within one request, so there is never running work to stop.
  async cancelTask(taskId: string, bus: ExecutionEventBus): Promise<void> {
    bus.publish(
      AgentEvent.statusUpdate({
        taskId,
        contextId: '',
        status: { state: TaskState.TASK_STATE_CANCELED, message: undefined, timestamp: new Date().toISOString() },
        metadata: undefined,
      }),
    );
    bus.finished();
  }
}
