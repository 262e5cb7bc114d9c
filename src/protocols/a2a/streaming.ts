/**
 * Tells the executor whether it runs for a streaming request (`SendStreamingMessage` /
 * `message/stream`) or a plain one. The SDK hands the executor the same RequestContext either way;
 * what differs is only which request-handler method was called, so this subclass notes the call's
 * ServerCallContext (one object per HTTP request, passed through to RequestContext.context).
 */
import { DefaultRequestHandler } from '@a2a-js/sdk/server';
import type { ServerCallContext } from '@a2a-js/sdk/server';

type StreamParams = Parameters<DefaultRequestHandler['sendMessageStream']>[0];

/** DefaultRequestHandler that remembers which calls asked for a stream. */
export class StreamAwareRequestHandler extends DefaultRequestHandler {
  private readonly streamingCalls = new WeakSet<ServerCallContext>();

  /** True when `context` belongs to a streaming request. */
  isStreaming(context: ServerCallContext | undefined): boolean {
    return context !== undefined && this.streamingCalls.has(context);
  }

  override sendMessageStream(
    params: StreamParams,
    context: ServerCallContext,
  ): ReturnType<DefaultRequestHandler['sendMessageStream']> {
    this.streamingCalls.add(context);
    return super.sendMessageStream(params, context);
  }
}
