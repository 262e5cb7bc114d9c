/** Semantic rules that touch the disk: data files exist for every agent, command programs exist. */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative } from 'node:path';
import { checkCommand } from './command.js';
import { didYouMean } from '../../util/did-you-mean.js';
import type { Ctx } from '../read.js';
import { substitute } from '../templates.js';
import type { AgentGroup, AgentSpec, ToolSpec } from '../types.js';

function exists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A data path that names a directory: say so, and suggest a file inside it. */
function directoryIssue(ctx: Ctx, group: AgentGroup, dir: string): void {
  const shown = relative(ctx.dir, dir) || '.';
  let sample: string | undefined;
  try {
    sample = readdirSync(dir).find((name) => name.endsWith('.jsonl'));
  } catch {
    sample = undefined;
  }
  ctx.sink.add({
    path: ['agents', group.name, 'data'],
    code: 'data-is-directory',
    message: `data path ${shown} is a directory; data names one JSON-lines file per agent`,
    hint: `name a file inside it, e.g. data: "${shown === '.' ? '' : `${shown}/`}${sample ?? 'shard{index}.jsonl'}"`,
  });
}

function nearbyHint(file: string): string | undefined {
  try {
    return didYouMean(basename(file), readdirSync(dirname(file)));
  } catch {
    return `directory ${dirname(file)} does not exist`;
  }
}

/** At most five names, then how many more: a message about 900 agents stays one line. */
function listed(names: string[]): string {
  return names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
}

function checkData(ctx: Ctx, group: AgentGroup, agents: AgentSpec[]): void {
  const missing = agents.filter((a) => a.dataFile !== undefined && !exists(a.dataFile));
  if (missing.length === 0) return;
  const dir = missing.find((a) => isDirectory(a.dataFile as string));
  if (dir) return directoryIssue(ctx, group, dir.dataFile as string);
  const first = missing[0].dataFile as string;
  const shown = relative(ctx.dir, first) || first;
  const who =
    missing.length === agents.length
      ? agents.length > 1
        ? `any of the ${agents.length} agents`
        : agents[0].id
      : listed(missing.map((a) => a.id));
  ctx.sink.add({
    path: ['agents', group.name, 'data'],
    code: 'missing-data-file',
    message: `data file ${shown} does not exist (for ${who}; resolved against ${ctx.dir})`,
    hint: nearbyHint(first),
  });
}

/** Check data files and commands of every group, and the commands of exec tools. */
export function checkFiles(ctx: Ctx, groups: AgentGroup[], agents: AgentSpec[], tools: Record<string, ToolSpec>): void {
  for (const g of groups) {
    const members = agents.filter((a) => a.group === g.name);
    if (g.data !== undefined && !ctx.sink.hasIssueAt(['agents', g.name, 'data'])) checkData(ctx, g, members);
    if (g.command !== undefined && !ctx.sink.hasIssueAt(['agents', g.name, 'command'])) {
      const problem = checkCommand(g.command, ctx.dir, (w) => [
        ...new Set(members.map((a) => substitute(w, a.index, a.id))),
      ]);
      if (problem)
        ctx.sink.add({
          path: ['agents', g.name, 'command'],
          code: 'missing-command',
          message: problem.message,
          hint: problem.hint,
        });
    }
  }
  for (const t of Object.values(tools)) {
    if (t.kind !== 'exec' || t.command === undefined) continue;
    const path = ['tools', t.name, 'command'];
    const program = t.command.trim().split(/\s+/)[0] ?? '';
    // exec commands run without a shell in the agent's own workspace, where a relative path finds nothing.
    if (program.includes('/') && !isAbsolute(program)) {
      ctx.sink.add({
        path,
        code: 'exec-relative-program',
        message: `exec commands run in each agent's workspace, so the relative path ${program} would not be found`,
        hint: 'use an absolute path, or a program on PATH',
      });
      continue;
    }
    const problem = checkCommand(t.command, ctx.dir);
    if (problem) ctx.sink.add({ path, code: 'missing-command', message: problem.message, hint: problem.hint });
  }
}
