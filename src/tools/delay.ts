/**
 * `delay`: echoes after a service time — fixed `delayMs`, or uniform in [delayMs, delayMaxMs]
 * drawn from the agent's seeded PRNG. The timer is the tool's work, as the user configured it,
 * not a stand-in for anything storm measures.
 */
import type { ToolSpec } from '../scenario/types.js';
import type { Tool } from './types.js';

/** Build a delay tool. */
export function createDelayTool(spec: ToolSpec): Tool {
  const min = spec.delayMs ?? 0;
  const max = spec.delayMaxMs ?? min;
  return {
    run: async (msg, ctx) => {
      const ms = max > min ? ctx.prng.between(min, max) : min;
      await new Promise((r) => setTimeout(r, ms));
      return msg.content;
    },
  };
}
