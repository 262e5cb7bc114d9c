/**
 * `storm agent`: one built-in agent in this process, for debugging and interop (e.g. pointing a
 * stock A2A or ACP client at it). Prints `ready <url>` and serves until SIGINT/SIGTERM.
 * Events are dropped unless STORM_VERBOSE=1, which prints them as JSON lines.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AgentConfig, AgentPeer } from '../../agent/contract.js';
import { EXIT } from '../../model/exit-codes.js';
import { PROTOCOL_NAMES, TOOL_KINDS, type ProtocolName, type ToolKind, type ToolSpec } from '../../scenario/types.js';

/** Options as commander parses them (src/cli/main.ts). */
export interface AgentCommandOptions {
  protocol: string;
  tool: string;
  port: string;
  id: string;
  data?: string;
  workspace?: string;
  peers?: string;
}

const groupOf = (id: string): string => id.replace(/-\d+$/, '');

function parsePeers(json: string | undefined): AgentPeer[] {
  if (!json) return [];
  const list = JSON.parse(json) as unknown;
  if (!Array.isArray(list)) throw new Error('--peers must be a JSON array of {"id","url"}');
  return list.map((p: { id?: unknown; url?: unknown; group?: unknown }) => {
    if (typeof p?.id !== 'string' || typeof p?.url !== 'string')
      throw new Error('--peers: every peer needs "id" and "url" strings');
    return { id: p.id, url: p.url, group: typeof p.group === 'string' ? p.group : groupOf(p.id) };
  });
}

/** Build the AgentConfig `storm agent` runs; throws with a user-facing message on bad input. */
export function agentConfigFromOptions(opts: AgentCommandOptions): AgentConfig {
  if (!(PROTOCOL_NAMES as readonly string[]).includes(opts.protocol)) {
    throw new Error(`--protocol must be one of ${PROTOCOL_NAMES.join(', ')} (got "${opts.protocol}")`);
  }
  if (!(TOOL_KINDS as readonly string[]).includes(opts.tool)) {
    throw new Error(`--tool must be one of ${TOOL_KINDS.join(', ')} (got "${opts.tool}")`);
  }
  if (opts.tool === 'exec') throw new Error('--tool exec needs a command: declare it in a scenario file');
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535 (got "${opts.port}")`);
  const kind = opts.tool as ToolKind;
  const tool: ToolSpec = { name: kind, kind, ttl: 4, delayMs: 100, failRate: 0.1, model: 'stub' };
  if (kind === 'shard_lookup' && !opts.data) throw new Error('--tool shard_lookup needs --data <file>');
  const group = groupOf(opts.id);
  return {
    id: opts.id,
    group,
    index: Number(/-(\d+)$/.exec(opts.id)?.[1] ?? 0),
    protocol: opts.protocol as ProtocolName,
    port,
    workspace: opts.workspace ? resolve(opts.workspace) : mkdtempSync(join(tmpdir(), 'storm-agent-')),
    tool,
    dataFile: opts.data ? resolve(opts.data) : undefined,
    peers: parsePeers(opts.peers),
    heartbeat: { intervalMs: 250, timeoutMs: 1000 },
    flow: [
      { from: 'client', to: group, messageType: 'task' },
      { from: group, to: 'client', messageType: 'answer' },
    ],
    seed: 0,
    sendTimeoutMs: 5000,
  };
}

/** Run one agent until SIGINT/SIGTERM; 0 on a clean stop, 2 on bad options, 3 if it cannot start. */
export async function runAgentCommand(opts: AgentCommandOptions): Promise<number> {
  let config: AgentConfig;
  try {
    config = agentConfigFromOptions(opts);
  } catch (err) {
    process.stderr.write(`storm agent: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  const { startAgent } = await import('../../agent/runtime.js');
  const verbose = process.env.STORM_VERBOSE === '1';
  let agent: Awaited<ReturnType<typeof startAgent>>;
  try {
    agent = await startAgent(config, async (events) => {
      if (verbose) for (const e of events) process.stdout.write(`${JSON.stringify(e)}\n`);
    });
  } catch (err) {
    process.stderr.write(`storm agent: cannot start: ${(err as Error).message}\n`);
    return EXIT.inconclusive;
  }
  process.stdout.write(`ready ${agent.url}\n`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await agent.stop();
  return EXIT.ok;
}
