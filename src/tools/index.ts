/** Kind → tool. Each tool is imported only when an agent runs it, to keep agent start-up short. */
import type { ToolKind, ToolSpec } from '../scenario/types.js';
import type { Tool } from './types.js';

const loaders: Record<ToolKind, () => Promise<(spec: ToolSpec) => Tool>> = {
  echo: async () => (await import('./echo.js')).createEchoTool,
  delay: async () => (await import('./delay.js')).createDelayTool,
  flaky: async () => (await import('./flaky.js')).createFlakyTool,
  shard_lookup: async () => (await import('./shard-lookup.js')).createShardLookupTool,
  llm: async () => (await import('./llm.js')).createLlmTool,
  exec: async () => (await import('./exec.js')).createExecTool,
};

/** Build the tool described by `spec`. */
export async function loadTool(spec: ToolSpec): Promise<Tool> {
  const load = loaders[spec.kind];
  if (!load) throw new Error(`unknown tool kind "${spec.kind}"`);
  return (await load())(spec);
}

/** Whether the tool kind reads a data file. */
export function usesData(spec: ToolSpec): boolean {
  return spec.kind === 'shard_lookup' || (spec.kind === 'llm' && spec.model === 'stub');
}
