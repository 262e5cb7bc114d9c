/** The declared groups and agent ids, for resolving the names that faults and flows refer to. */
import { didYouMean } from '../util/did-you-mean.js';
import type { Ctx } from './read.js';
import type { AgentGroup, AgentSpec } from './types.js';
import type { PathSeg } from './yaml/locate.js';

/** Groups by name and agents by id. */
export interface Roster {
  groups: Map<string, AgentGroup>;
  agents: AgentSpec[];
  ids: Set<string>;
}

/** Build the roster of a scenario. */
export function makeRoster(groups: AgentGroup[], agents: AgentSpec[]): Roster {
  return { groups: new Map(groups.map((g) => [g.name, g])), agents, ids: new Set(agents.map((a) => a.id)) };
}

/** Agent ids of `name`: the agent itself, or every member when groups are allowed; undefined (reported) when unknown. */
export function resolveName(
  ctx: Ctx,
  roster: Roster,
  name: string,
  path: readonly PathSeg[],
  allowGroups: boolean,
): string[] | undefined {
  if (roster.ids.has(name)) return [name];
  const group = roster.groups.get(name);
  if (group && allowGroups) return roster.agents.filter((a) => a.group === name).map((a) => a.id);
  if (group) {
    ctx.sink.add({
      path,
      code: 'group-not-agent',
      message: `"${name}" is a group; this list takes agent ids (${name}-0 … ${name}-${group.count - 1})`,
      hint: `to pick victims from the group, write kill: 1 with of: ${name}`,
    });
    return undefined;
  }
  const candidates = allowGroups ? [...roster.groups.keys(), ...roster.ids] : [...roster.ids];
  ctx.sink.add({
    path,
    code: 'unknown-agent',
    message: `${allowGroups ? 'agent or group' : 'agent'} "${name}" is not declared`,
    hint: didYouMean(name, candidates) ?? describeRoster(roster),
  });
  return undefined;
}

/** "declared: worker (worker-0 … worker-7), client" style summary for hints. */
export function describeRoster(roster: Roster): string {
  const parts = [...roster.groups.values()].map((g) =>
    g.count > 1 ? `${g.name} (${g.name}-0 … ${g.name}-${g.count - 1})` : `${g.name} (${g.name}-0)`,
  );
  return parts.length ? `declared: ${parts.join(', ')}` : 'no agents are declared';
}
