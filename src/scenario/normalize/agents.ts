/** Normalize `agents:` into groups and expand them into agents (`<group>-<i>`, data paths resolved). */
import { resolve } from 'node:path';
import { didYouMean } from '../../util/did-you-mean.js';
import { atMost, LIMIT_REASONS, MAX_AGENTS, MAX_NAME_LENGTH } from '../limits.js';
import { asMap, asString, locOf, readBounded, readDuration, type Ctx } from '../read.js';
import { checkPlaceholders, COMMAND_PLACEHOLDERS, DATA_PLACEHOLDERS, substitute } from '../templates.js';
import { PROTOCOL_NAMES, type AgentGroup, type AgentSpec, type ProtocolName, type ToolSpec } from '../types.js';
import { usesData } from '../tool-data.js';

/** Names with a meaning of their own in flows and partitions. */
const RESERVED = ['client', 'rest'];

function normalizeGroup(
  ctx: Ctx,
  name: string,
  g: Record<string, unknown>,
  tools: Record<string, ToolSpec>,
  toolNames: string[],
): AgentGroup {
  // toolNames lists every declared tool, also those whose own config is invalid (reported there).
  const base = ['agents', name];
  const group: AgentGroup = {
    name,
    count:
      readBounded(ctx, g.count, [...base, 'count'], {
        min: 1,
        max: MAX_AGENTS,
        unit: 'agents',
        reason: LIMIT_REASONS.agents,
      }) ?? 1,
    readyMs: readDuration(ctx, g.ready, [...base, 'ready']) ?? 10_000,
    loc: locOf(ctx, base, 'key'),
  };
  if (RESERVED.includes(name)) {
    ctx.sink.add({
      path: base,
      at: 'key',
      code: 'reserved-name',
      message: `"${name}" is reserved (${name === 'client' ? 'the driver' : 'every other agent, in partitions'}); name the group differently`,
    });
  }
  const tool = asString(g.tool);
  const command = asString(g.command);
  if (g.tool === undefined && g.command === undefined) {
    ctx.sink.add({
      path: base,
      at: 'key',
      code: 'group-tool-or-command',
      message: `agent group "${name}" needs a tool (built-in agent) or a command (your own agent)`,
      hint: toolNames.length ? `add tool: ${toolNames[0]}` : 'declare a tool under tools: and add tool: <name>',
    });
  } else if (g.tool !== undefined && g.command !== undefined) {
    ctx.sink.add({
      path: [...base, 'command'],
      at: 'key',
      code: 'group-tool-or-command',
      message: `agent group "${name}" has both tool and command; a group is either built-in agents (tool) or your own (command)`,
    });
  }
  if (tool !== undefined) {
    group.tool = tool;
    if (!toolNames.includes(tool)) {
      const hint =
        didYouMean(tool, toolNames) ??
        (toolNames.length
          ? `declared tools: ${toolNames.join(', ')}`
          : `declare it under tools:, e.g. tools: { ${tool}: { kind: echo } }`);
      ctx.sink.add({
        path: [...base, 'tool'],
        code: 'unknown-tool',
        message: `tool "${tool}" is not declared under tools:`,
        hint,
      });
    }
  }
  if (command !== undefined) {
    group.command = command;
    checkPlaceholders(ctx, command, COMMAND_PLACEHOLDERS, [...base, 'command']);
  }
  const data = asString(g.data);
  if (data !== undefined) {
    group.data = data;
    checkPlaceholders(ctx, data, DATA_PLACEHOLDERS, [...base, 'data']);
    if (command !== undefined) {
      ctx.sink.add({
        path: [...base, 'data'],
        at: 'key',
        code: 'data-with-command',
        message: 'data only applies to built-in agents (tool:); pass files to your own agent in its command',
      });
    }
  } else if (tool && tools[tool] && usesData(tools[tool])) {
    ctx.sink.add({
      path: base,
      at: 'key',
      code: 'missing-data',
      message: `agents running the ${tools[tool].kind} tool "${tool}" need a data file per agent`,
      hint: `add data: "../data/shard{index}.jsonl"`,
    });
  }
  const protocol = asString(g.protocol);
  if (protocol && (PROTOCOL_NAMES as readonly string[]).includes(protocol)) group.protocol = protocol as ProtocolName;
  readProtocolVersion(ctx, g.protocol_version, group, base);
  return group;
}

/** Versions `protocol_version` accepts, by protocol; YAML reads unquoted 1.0 and 0.3 as numbers. */
const PROTOCOL_VERSIONS: Partial<Record<ProtocolName, Record<string, string>>> = {
  a2a: { '1.0': '1.0', '1': '1.0', '0.3': '0.3' },
};

/** `protocol_version`: a value the schema lets through, for a protocol that has versions storm speaks. */
function readProtocolVersion(ctx: Ctx, raw: unknown, group: AgentGroup, base: string[]): void {
  if (raw === undefined) return;
  const versions = group.protocol ? PROTOCOL_VERSIONS[group.protocol] : undefined;
  if (!versions) {
    ctx.sink.add({
      path: [...base, 'protocol_version'],
      at: 'key',
      code: 'version-without-protocol',
      message: `protocol_version needs the group pinned to a protocol with versions (protocol: a2a)`,
      hint: 'add protocol: a2a',
    });
    return;
  }
  const version = versions[String(raw)];
  if (version) group.protocolVersion = version; // anything else is reported by the schema's enum
}

/**
 * Normalize the groups in declaration order. A name past MAX_NAME_LENGTH (reported by the schema) is
 * left out: expanded, a 60 kB name would become a thousand 60 kB agent ids.
 */
export function normalizeGroups(
  ctx: Ctx,
  raw: unknown,
  tools: Record<string, ToolSpec>,
  toolNames: string[],
): AgentGroup[] {
  return Object.entries(asMap(raw) ?? {}).flatMap(([name, g]) => {
    const m = asMap(g);
    return m && name.length <= MAX_NAME_LENGTH ? [normalizeGroup(ctx, name, m, tools, toolNames)] : [];
  });
}

/** Report the group that takes the scenario past MAX_AGENTS, and cut its count to what is left. */
function capTotal(ctx: Ctx, groups: AgentGroup[]): void {
  let total = 0;
  for (const g of groups) {
    if (total + g.count > MAX_AGENTS) {
      const all = groups.reduce((n, x) => n + x.count, 0);
      ctx.sink.add({
        path: ['agents', g.name, 'count'],
        code: 'over-limit',
        message: atMost(`${MAX_AGENTS} agents in all groups together`, String(all), LIMIT_REASONS.agents),
      });
      g.count = Math.max(0, MAX_AGENTS - total);
    }
    total += g.count;
  }
}

/** Expand groups into agents; reports ids that collide with each other or with group names. */
export function expandAgents(ctx: Ctx, groups: AgentGroup[]): AgentSpec[] {
  capTotal(ctx, groups);
  const agents: AgentSpec[] = [];
  const groupNames = new Set(groups.map((g) => g.name));
  const seen = new Map<string, string>();
  for (const g of groups) {
    for (let index = 0; index < g.count; index++) {
      const id = `${g.name}-${index}`;
      const clash = groupNames.has(id)
        ? `the group "${id}"`
        : seen.has(id)
          ? `an agent of group "${seen.get(id)}"`
          : undefined;
      if (clash) {
        ctx.sink.add({
          path: ['agents', g.name],
          at: 'key',
          code: 'duplicate-id',
          message: `agent id "${id}" of group "${g.name}" collides with ${clash}`,
          hint: 'rename one of the groups',
        });
      }
      seen.set(id, g.name);
      const agent: AgentSpec = { id, group: g.name, index };
      if (g.data !== undefined && g.tool !== undefined)
        agent.dataFile = resolve(ctx.dir, substitute(g.data, index, id));
      agents.push(agent);
    }
  }
  return agents;
}
