/** Turns a cell's agents into launch descriptions: ports, workspaces, config or command, peers. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentConfig, AgentPeer } from '../agent/contract.js';
import type { ProtocolName, Scenario } from '../scenario/types.js';
import type { AgentLaunch } from './agent-process.js';

export interface LaunchInput {
  scenario: Scenario;
  protocol: ProtocolName;
  seed: number;
  ports: number[];
  /** Directory holding one workspace per agent. */
  workspaceRoot: string;
  peers: Record<string, string[]>;
  /** The URL `from` is given for peer `to` (the fault proxy's link); default: the peer's own port. */
  peerUrl?: (from: string, to: string) => string | undefined;
  /** A user's agent's STORM_EVENTS_URL (events-endpoint.ts), when the cell has such agents. */
  eventsUrl?: (id: string) => string;
}

/**
 * At most this many built-in agents of a cell sample their event-loop delay. Each sampler wakes its
 * process 50 times a second; on a 2-core machine 500 of them cost more CPU than the workload
 * (docs/benchmarks.md, "Where start-up time goes"). Overload is mostly machine-wide, so an evenly
 * spread subset still sees it; docs/harness.md says what a subset can miss.
 */
export const MAX_LOOP_DELAY_AGENTS = 24;

/** Whether the agent at `position` of `count` samples its loop delay: all of them, or every k-th evenly. */
export function samplesLoopDelay(position: number, count: number, max = MAX_LOOP_DELAY_AGENTS): boolean {
  if (count <= max) return true;
  // positions floor(j * count / max) for j = 0 … max-1: exactly `max` of them, spread over the cell
  const j = Math.ceil((position * max) / count);
  return Math.floor((j * count) / max) === position;
}

/** Substitute {port} {id} {index} {workspace} in a user's command. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(port|id|index|workspace)\}/g, (_, key: string) => String(values[key]));
}

/** One launch per agent, in declaration order. */
export function buildLaunches(input: LaunchInput): AgentLaunch[] {
  const { scenario, protocol, seed, ports, workspaceRoot, peers, peerUrl, eventsUrl } = input;
  const urls = new Map(scenario.agents.map((a, i) => [a.id, `http://127.0.0.1:${ports[i]}`]));
  const groupOf = new Map(scenario.agents.map((a) => [a.id, a.group]));
  const versionOf = (group: string) => scenario.groups.find((g) => g.name === group)?.protocolVersion;
  return scenario.agents.map((agent, i) => {
    const group = scenario.groups.find((g) => g.name === agent.group)!;
    const workspace = join(workspaceRoot, agent.id);
    mkdirSync(workspace, { recursive: true });
    const agentPeers: AgentPeer[] = peers[agent.id].map((id) => ({
      id,
      url: peerUrl?.(agent.id, id) ?? urls.get(id)!,
      group: groupOf.get(id)!,
      protocolVersion: versionOf(groupOf.get(id)!),
    }));
    const env: Record<string, string> = {
      STORM_PORT: String(ports[i]),
      STORM_AGENT_ID: agent.id,
      STORM_AGENT_INDEX: String(agent.index),
      STORM_WORKSPACE: workspace,
      STORM_PEERS: JSON.stringify(agentPeers.map(({ id, url }) => ({ id, url }))),
      STORM_PROTOCOL: protocol,
    };
    const base = {
      id: agent.id,
      port: ports[i],
      workspace,
      readyMs: group.readyMs,
      protocolVersion: group.protocolVersion,
      cwd: scenario.dir,
      env,
    };
    if (group.command) {
      const values = { port: ports[i], id: agent.id, index: agent.index, workspace };
      if (eventsUrl) env.STORM_EVENTS_URL = eventsUrl(agent.id);
      return { ...base, command: fillTemplate(group.command, values) };
    }
    const config: AgentConfig = {
      id: agent.id,
      group: agent.group,
      index: agent.index,
      protocol,
      port: ports[i],
      workspace,
      tool: scenario.tools[group.tool!],
      dataFile: agent.dataFile,
      peers: agentPeers,
      heartbeat: scenario.heartbeat,
      flow: scenario.workload.messageFlow,
      seed,
      sendTimeoutMs: scenario.workload.taskTimeoutMs,
      baseDir: scenario.dir,
      loopDelay: samplesLoopDelay(i, scenario.agents.length),
    };
    return { ...base, config };
  });
}
