/** Semantic rules that touch the disk: data files exist for every agent, command programs exist. */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative } from 'node:path';
import { checkCommand } from './command-check.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { Ctx } from './read.js';
import { substitute } from './templates.js';
import type { AgentGroup, AgentSpec, ToolSpec } from './types.js';

function exists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function nearbyHint(file: string): string | undefined {
  try {
    return didYouMean(basename(file), readdirSync(dirname(file)));
  } catch {
    return `directory ${dirname(file)} does not exist`;
  }
}

function checkData(ctx: Ctx, group: AgentGroup, agents: AgentSpec[]): void {
  const missing = agents.filter((a) => a.dataFile !== undefined && !exists(a.dataFile));
  if (missing.length === 0) return;
  const first = missing[0].dataFile as string;
  const shown = relative(ctx.dir, first) || first;
  const who = missing.length === agents.length
    ? agents.length > 1 ? `any of the ${agents.length} agents` : agents[0].id
    : missing.map((a) => a.id).join(', ');
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
      const problem = checkCommand(g.command, ctx.dir, (w) => [...new Set(members.map((a) => substitute(w, a.index, a.id)))]);
      if (problem) ctx.sink.add({ path: ['agents', g.name, 'command'], code: 'missing-command', message: problem.message, hint: problem.hint });
    }
  }
  for (const t of Object.values(tools)) {
    if (t.kind !== 'exec' || t.command === undefined) continue;
    const path = ['tools', t.name, 'command'];
    const program = t.command.trim().split(/\s+/)[0] ?? '';
    // exec commands run without a shell in the agent's own workspace, where a relative path finds nothing.
    if (program.includes('/') && !isAbsolute(program)) {
      ctx.sink.add({ path, code: 'exec-relative-program', message: `exec commands run in each agent's workspace, so the relative path ${program} would not be found`, hint: 'use an absolute path, or a program on PATH' });
      continue;
    }
    const problem = checkCommand(t.command, ctx.dir);
    if (problem) ctx.sink.add({ path, code: 'missing-command', message: problem.message, hint: problem.hint });
  }
}
