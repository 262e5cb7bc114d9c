/**
 * The normalized scenario: what `scenario/` hands to `plan/` and `run/`.
 * Durations are milliseconds, fractions are 0..1, every default is filled in.
 * The raw YAML shape is described by schemas/storm.schema.json (see raw-types.ts).
 */
import type { Assertion, ExpectRule, SourceLocation } from '../model/assertions.js';

export type { ExpectRule, SourceLocation } from '../model/assertions.js';
import type { HarnessBounds } from '../model/harness.js';

import type { ProtocolName } from '../model/protocol.js';

export { PROTOCOL_NAMES, type ProtocolName } from '../model/protocol.js';

/** Built-in tool kinds. */
export const TOOL_KINDS = ['shard_lookup', 'echo', 'delay', 'flaky', 'llm', 'exec'] as const;
export type ToolKind = (typeof TOOL_KINDS)[number];

export type Topology = 'mesh' | 'ring' | 'star';

/** One named tool configuration; fields beyond `kind` depend on the kind. */
export interface ToolSpec {
  name: string;
  kind: ToolKind;
  /** shard_lookup: hops a forwarded lookup may take. */
  ttl?: number;
  /** delay: fixed service time, or the lower bound of a random one. */
  delayMs?: number;
  /** delay: upper bound of a uniformly random service time. */
  delayMaxMs?: number;
  /** flaky: fraction of calls that fail, 0..1. */
  failRate?: number;
  /** llm: `stub` answers from the shard without network. */
  model?: string;
  baseUrl?: string;
  /** llm: name of the environment variable holding the key (never the key itself). */
  apiKeyEnv?: string;
  /** exec: command run per message, message content on stdin, reply on stdout. */
  command?: string;
}

/** A group of agents; `count` expands to ids `<name>-0 … <name>-(count-1)`. */
export interface AgentGroup {
  name: string;
  count: number;
  /** Built-in runtime: the tool every member runs. Absent for `command` groups. */
  tool?: string;
  /** Data file template, resolved against the scenario's directory; may contain `{index}`. */
  data?: string;
  /** Bring-your-own agent: command template with {port} {id} {index} {workspace}. */
  command?: string;
  /** Protocol pinned by the group (user agents speak one protocol). */
  protocol?: ProtocolName;
  /** Version of the pinned protocol its agents are spoken to in (`protocol_version`; a2a: "1.0" | "0.3"). */
  protocolVersion?: string;
  /** Readiness deadline. */
  readyMs: number;
  loc: SourceLocation;
}

/** One concrete agent after expanding groups. */
export interface AgentSpec {
  id: string;
  group: string;
  index: number;
  /** Absolute path of the data file, `{index}` substituted. */
  dataFile?: string;
}

/** One step of the message flow. `client` is the driver. */
export interface FlowStep {
  from: string;
  to: string;
  messageType: string;
}

export interface Workload {
  /** Open model: tasks per second issued by the driver. */
  ratePerSec?: number;
  /** Closed model: this many tasks in flight at all times. */
  concurrency?: number;
  /** A task without an answer after this long is a `timeout`. */
  taskTimeoutMs: number;
  /** `correct`: success needs the gold answer where one exists; `reply`: any answer counts. */
  success: 'correct' | 'reply';
  messageFlow: FlowStep[];
}

/** How recovery is measured (`metrics:`, SPEC §3). */
export interface MetricSettings {
  /** Base bucket width; the width used is its smallest multiple holding `minSamples` planned tasks. */
  bucketMs: number;
  /** Tasks a bucket is sized to hold; fewer than half of them = no evidence. */
  minSamples: number;
  /** recovery_ms: how long the rate must stay back (≥ 2 buckets). */
  recoverForMs: number;
  /** steady_state_ms: how long rate and p95 must stay healthy. */
  stableForMs: number;
}

/** Bounds on the harness's own lag (`harness:`, SPEC §2); beyond any → inconclusive. Shared with reports. */
export type { HarnessBounds } from '../model/harness.js';

/** Health required before the first fault (`baseline:`, SPEC §2). */
export interface BaselineHealth {
  minSuccessRate: number;
}

export const DEFAULT_METRIC_SETTINGS: MetricSettings = {
  bucketMs: 250,
  minSamples: 10,
  recoverForMs: 1000,
  stableForMs: 2000,
};
export const DEFAULT_HARNESS_BOUNDS: HarnessBounds = { maxIssueLagP99Ms: 50, maxIssueLagMs: 250, maxLoopDelayMs: 250 };
export const DEFAULT_BASELINE_HEALTH: BaselineHealth = { minSuccessRate: 0.5 };

export type Signal = 'SIGKILL' | 'SIGTERM' | 'SIGSTOP';

/** Which agents a process fault hits. Exactly one of fraction/count/ids. */
export interface VictimSelector {
  /** 0..1 of the live agents of the group, rounded up. */
  fraction?: number;
  count?: number;
  ids?: string[];
  /** Group the victims are drawn from; absent = every agent group. */
  of?: string;
}

interface FaultBase {
  /** Index of the fault in the file's `faults` list. */
  index: number;
  atMs: number;
  /** Cyclic storms: repeat every `everyMs`, `times` occurrences in all (default 1). */
  everyMs?: number;
  times: number;
  loc: SourceLocation;
}

/** Kill or pause agent processes. */
export interface ProcessFault extends FaultBase {
  kind: 'kill';
  select: VictimSelector;
  signal: Signal;
  /** SIGSTOP: SIGCONT after this long. */
  forMs?: number;
  /** Victims come back as new processes with the same ids after this long. */
  restartAfterMs?: number;
}

/** Cut the network between sets of agents (fault proxy). */
export interface PartitionFault extends FaultBase {
  kind: 'partition';
  /** Each inner list is one side; the literal `rest` means every other agent. */
  sides: string[][];
  forMs: number;
}

/** Degrade the links of some agents (fault proxy). */
export interface NetworkFault extends FaultBase {
  kind: 'network';
  latencyMs: number;
  jitterMs: number;
  loss: number;
  target: string[];
  forMs: number;
}

/** Reset (RST) a share of the connections into the targets, open and new (fault proxy). */
export interface ResetFault extends FaultBase {
  kind: 'reset';
  share: number;
  target: string[];
  forMs: number;
}

/** A hung host: links into and out of the targets accept and never answer (fault proxy). */
export interface BlackholeFault extends FaultBase {
  kind: 'blackhole';
  target: string[];
  forMs: number;
}

/** Shape the links into and out of the targets to a byte rate, each direction (fault proxy). */
export interface BandwidthFault extends FaultBase {
  kind: 'bandwidth';
  bytesPerSec: number;
  target: string[];
  forMs: number;
}

/** What a message fault does to a message it picks. */
export type MessageAction = 'drop' | 'delay' | 'duplicate' | 'corrupt';

/** Act on single application messages of one message_type, on every link (fault proxy). */
export interface MessageFault extends FaultBase {
  kind: 'message';
  /** The flow's message_type. */
  messageType: string;
  action: MessageAction;
  /** drop / duplicate / corrupt: share of the matching messages hit; delay: 1 (every one). */
  share: number;
  /** delay: how long each matching message is held. */
  delayMs?: number;
  forMs: number;
}

export type FaultSpec =
  | ProcessFault
  | PartitionFault
  | NetworkFault
  | ResetFault
  | BlackholeFault
  | BandwidthFault
  | MessageFault;

/** One `regression:` entry: a metric reference (parsed like an assertion's side) and how much worse it may get. */
export interface RegressionTolerance {
  /** The reference as written: `recovery_ms`, `p95(latency_ms)`. */
  metric: string;
  /** `<metric> >= 0`, parsed: evaluating it yields the reference's value (its left side). */
  probe: Assertion;
  /** Allowed worsening as a share of the baseline's value (0.2 = 20%). */
  tolerance: number;
}

export interface Scenario {
  /** Absolute path of the file. */
  file: string;
  /** Directory commands and data paths are resolved against. */
  dir: string;
  name: string;
  description?: string;
  protocols: ProtocolName[];
  seed: number;
  durationMs: number;
  warmupMs: number;
  heartbeat: { intervalMs: number; timeoutMs: number };
  topology: Topology;
  tools: Record<string, ToolSpec>;
  groups: AgentGroup[];
  /** Groups expanded, in declaration order. */
  agents: AgentSpec[];
  workload: Workload;
  faults: FaultSpec[];
  expect: ExpectRule[];
  metrics: MetricSettings;
  harness: HarnessBounds;
  baseline: BaselineHealth;
  /** `regression:` tolerances for `--baseline` (absent or empty: no regression checks). */
  regression?: RegressionTolerance[];
  /** Line of the `name:` key, for annotations. */
  loc: SourceLocation;
}
