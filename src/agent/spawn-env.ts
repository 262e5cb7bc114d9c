/**
 * How a built-in agent process should be started: its node flags and its environment.
 *
 * Node reads and parses every
 * certificate named by NODE_EXTRA_CA_CERTS at boot, before any user code — measured here at
 * 200–450 ms per process start against ~50 ms without. Agents talk plain HTTP on loopback, so
 * only an llm tool with an https base_url needs the extra trust roots; everyone else starts without.
 */
import type { AgentConfig } from './contract.js';

/**
 * Node flags of every built-in agent. V8's memory reducer runs extra garbage collections when a
 * process goes quiet, to hand memory back; an agent that only heartbeats goes quiet between every two
 * pings, so it kept collecting: a ring agent at a 2 s heartbeat spent 9.8 ms of CPU per second with
 * it and 3.3 ms without, for 1.7 MB more PSS (bench/agent-idle.mjs). The flag costs nothing at boot.
 * Heap-size flags (--max-semi-space-size) do: ≈ 12 ms more CPU per boot, so none is passed.
 */
export const AGENT_NODE_FLAGS: readonly string[] = ['--no-memory-reducer'];

/** Variables that slow every Node start and that a loopback-only agent does not use. */
const TLS_ONLY = ['NODE_EXTRA_CA_CERTS'];

/** Does this agent make TLS connections of its own. */
export function needsTls(config: Pick<AgentConfig, 'tool'>): boolean {
  return config.tool.kind === 'llm' && (config.tool.baseUrl ?? '').startsWith('https:');
}

/** `base` minus what slows start-up needlessly for this agent (a copy; `base` is untouched). */
export function agentEnv(base: NodeJS.ProcessEnv, config: Pick<AgentConfig, 'tool'>): NodeJS.ProcessEnv {
  const env = { ...base };
  if (!needsTls(config)) for (const k of TLS_ONLY) delete env[k];
  return env;
}
