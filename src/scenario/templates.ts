/** `{placeholder}` templates of data paths and commands: which are allowed, and substitution. */
import { didYouMean } from '../util/did-you-mean.js';
import type { Ctx } from './read.js';
import type { PathSeg } from './yaml/locate.js';

/** Placeholders known to data templates: resolved when the scenario loads. */
export const DATA_PLACEHOLDERS = ['index', 'id'] as const;
/** Placeholders known to command templates: resolved when the agent starts. */
export const COMMAND_PLACEHOLDERS = ['index', 'id', 'port', 'workspace'] as const;

/** Report every `{name}` in `template` that is not an allowed placeholder; `${VAR}` is left to the shell. */
export function checkPlaceholders(
  ctx: Ctx,
  template: string,
  allowed: readonly string[],
  path: readonly PathSeg[],
): void {
  for (const m of template.matchAll(/(\$?)\{([A-Za-z_][\w-]*)\}/g)) {
    if (m[1] === '$' || allowed.includes(m[2])) continue;
    const known = allowed.map((a) => `{${a}}`).join(', ');
    const all = ['index', 'id', 'port', 'workspace'];
    const why = all.includes(m[2]) ? ` ({${m[2]}} is only known when the agent starts)` : '';
    ctx.sink.add({
      path,
      code: 'unknown-placeholder',
      message: `unknown placeholder {${m[2]}}: this template may use ${known}${why}`,
      hint: didYouMean(m[2], allowed),
    });
  }
}

/** Substitute `{index}` and `{id}` (data templates; commands get theirs when the agent starts). */
export function substitute(template: string, index: number, id: string): string {
  return template.replace(/\{index\}/g, String(index)).replace(/\{id\}/g, id);
}
