/** `echo`: the output is the input. The cheapest tool: measures the protocol, not the work. */
import type { Tool } from './types.js';

/** Build an echo tool. */
export function createEchoTool(): Tool {
  return { run: async (msg) => msg.content };
}
