/** The A2A AgentExecutor that hands each incoming message to the storm handler. */
import { AgentEvent } from '@a2a-js/sdk/server';
import type { AgentExecutor, ExecutionEventBus, RequestContext, ServerCallContext } from '@a2a-js/sdk/server';
import { TaskState } from '@a2a-js/sdk';
import type { AgentReply, MessageHandler } from '../types.js';
import { answerArtifact, failedTask, fromA2AMessage, replyMessage, submittedTask, taskStatus } from './codec.js';

/**
 * Runs the handler once per message. A plain request (SendMessage / message/send) gets the cheapest
 * answer A2A allows: an ok reply is a bare Message (no task is created), an error reply a `failed`
 * Task. A streaming request (SendStreamingMessage / message/stream) gets the task lifecycle as it
 * happens — submitted, working before the handler runs, the answer as an artifact, then completed
 * (or failed with the error text) — so a streaming client sees progress, not one buffered reply.
 */
export class StormExecutor implements AgentExecutor {
  constructor(
    private readonly handler: MessageHandler,
    private readonly isStreaming: (context: ServerCallContext | undefined) => boolean = () => false,
  ) {}

  async execute(ctx: RequestContext, bus: ExecutionEventBus): Promise<void> {
    if (this.isStreaming(ctx.context)) return this.executeStreaming(ctx, bus);
    const request = ctx.userMessage;
    const reply = await this.run(ctx);
    if (reply.ok) {
      bus.publish(AgentEvent.message(replyMessage(reply.content ?? '', ctx.contextId)));
    } else {
      bus.publish(AgentEvent.task(failedTask(reply.error ?? 'error', ctx.taskId, ctx.contextId, request)));
    }
    bus.finished();
  }

  private async executeStreaming(ctx: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId } = ctx;
    const status = (state: TaskState, text?: string) =>
      AgentEvent.statusUpdate({
        taskId,
        contextId,
        status: taskStatus(state, contextId, taskId, text),
        metadata: undefined,
      });
    bus.publish(AgentEvent.task(submittedTask(taskId, contextId, ctx.userMessage)));
    bus.publish(status(TaskState.TASK_STATE_WORKING));
    const reply = await this.run(ctx);
    if (reply.ok) {
      bus.publish(
        AgentEvent.artifactUpdate({
          taskId,
          contextId,
          artifact: answerArtifact(reply.content ?? ''),
          append: false,
          lastChunk: true,
          metadata: undefined,
        }),
      );
      bus.publish(status(TaskState.TASK_STATE_COMPLETED));
    } else {
      bus.publish(status(TaskState.TASK_STATE_FAILED, reply.error ?? 'error'));
    }
    bus.finished();
  }

  /** The handler's reply; a throwing handler is an error reply. */
  private async run(ctx: RequestContext): Promise<AgentReply> {
    try {
      return await this.handler(fromA2AMessage(ctx.userMessage));
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
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
