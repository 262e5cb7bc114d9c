/** Which tool configurations read a data file (kept here so scenario/ never imports tools/). */
import type { ToolSpec } from './types.js';

/** True when agents running `spec` need `data:` (shard_lookup, and the llm stub that answers from the shard). */
export function usesData(spec: ToolSpec): boolean {
  return spec.kind === 'shard_lookup' || (spec.kind === 'llm' && (spec.model ?? 'stub') === 'stub');
}
