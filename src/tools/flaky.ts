/** `flaky`: echoes, but fails a `failRate` fraction of calls, drawn from the seeded PRNG. */
import type { ToolSpec } from '../scenario/types.js';
import type { Tool } from './types.js';

/** Build a flaky tool. */
export function createFlakyTool(spec: ToolSpec): Tool {
  const rate = spec.failRate ?? 0;
  return {
    run: async (msg, ctx) => {
      if (ctx.prng.next() < rate) throw new Error('flaky tool failed');
      return msg.content;
    },
  };
}
