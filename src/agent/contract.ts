/**
 * The contract between the runner and a built-in agent process (src/agent/main.ts).
 *
 * The runner starts `node dist/agents/<protocol>.cjs` (this module's entry, main.ts, bundled per
 * protocol by scripts/bundle-agents.mjs) detached (own process group) with stdio
 * ['ignore', 'ignore' | file, 'pipe' | file, 'ipc'] and the config as JSON in STORM_AGENT_CONFIG.
 * Events go over the IPC channel (never stdout). When the channel closes (the runner died or
 * disconnected), the agent exits by itself at once.
 *
 * Times (`at`) are milliseconds on the host's monotonic clock: Number(process.hrtime.bigint()) / 1e6.
 * Every process on the machine shares that clock, so the runner subtracts its own t=0 to align events.
 */
import type { AgentPeer } from '../tools/types.js';
import type { FlowStep, ProtocolName, ToolSpec } from '../scenario/types.js';

export type { AgentPeer };

export interface AgentConfig {
  id: string;
  group: string;
  index: number;
  protocol: ProtocolName;
  /** Port chosen by the runner (the same one again after a restart). */
  port: number;
  workspace: string;
  tool: ToolSpec;
  /** Absolute path of this agent's data file, if any. */
  dataFile?: string;
  /** Agents this one may talk to and monitors with its failure detector (from the topology). */
  peers: AgentPeer[];
  heartbeat: { intervalMs: number; timeoutMs: number };
  /** The message flow: an agent forwards step k+1 when step k's `to` is its group. */
  flow: FlowStep[];
  /** Seed for the tool's randomness (delay, flaky), combined with the agent id. */
  seed: number;
  /** Per-send timeout when forwarding to peers. */
  sendTimeoutMs: number;
  /**
   * Whether this agent samples its own event-loop delay (SPEC §2). Default true; in a cell of more
   * than MAX_LOOP_DELAY_AGENTS built-in agents only an evenly spread subset does (run/launch.ts),
   * because the sampler's timer wakes the process 50 times a second.
   */
  loopDelay?: boolean;
  /** Optional: the scenario's directory; `./` and `../` arguments of an exec tool's command resolve
   *  against it (the command itself runs in the workspace). */
  baseDir?: string;
}

/** Why a failure detector declared a peer dead. */
export type DetectEvidence = 'refused' | 'silence';

/** Events an agent reports; the runner turns them into HistoryEvents. */
export type AgentEvent =
  /**
   * An execution of (task, step). Without `executor` this agent ran its tool; with it, this agent got
   * an ok reply from `executor` for the step it sent (so the execution survives the executor's SIGKILL).
   */
  | { type: 'exec'; at: number; task: string; step: number; executor?: string }
  | { type: 'wire'; at: number; bytes: number; messages: number }
  /** `peer` declared dead: its connection was `refused`, or it was silent past the timeout (a user's agent may not say). */
  | { type: 'detect'; at: number; peer: string; evidence?: DetectEvidence }
  | { type: 'rejoin'; at: number; peer: string }
  /** First successful exchange with `peer` after it had been declared dead. */
  | { type: 'reconnect'; at: number; peer: string }
  /** This process's event-loop delay over the window [from, at] (ms, see loop-delay.ts). */
  | { type: 'loop_delay'; at: number; from: number; pid: number; p99: number; max: number };

/** Agent → runner over IPC. */
export type AgentToRunner =
  /**
   * `at`: ready, after the warm-up (warm-up.ts); `listenedAt`: when the server began to listen, before
   * it. Their difference is what the warm-up costs (bench/agent-spawn.mjs prints it).
   */
  | { type: 'ready'; pid: number; port: number; url: string; at: number; listenedAt: number }
  /** Batched, flushed at most every 100 ms and on exit. */
  | { type: 'events'; events: AgentEvent[] }
  | { type: 'fatal'; message: string };

/**
 * Runner → agent over IPC. `workload_start`: the workload is running (t = 0, or at once to an agent
 * restarted during it): begin sampling the event-loop delay now, so the stalls of start-up (module
 * loading, other agents starting on the same cores) never count as workload delay, and an agent
 * waiting for the others to start costs no wake-ups.
 */
export type RunnerToAgent = { type: 'shutdown' } | { type: 'workload_start' };

/** Name of the environment variable carrying the JSON AgentConfig. */
export const AGENT_CONFIG_ENV = 'STORM_AGENT_CONFIG';
