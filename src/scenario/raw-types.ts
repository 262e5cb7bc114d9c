/**
 * The raw YAML shape of a `*.storm.yaml` file, exactly as schemas/storm.schema.json describes it
 * (before defaults and unit parsing). The `*_KEYS` tables list every property; a unit test compares
 * them with the schema in both directions so the two cannot drift apart.
 */

/** `250ms`, `6s`, `2m`, `1h`, or integer milliseconds. */
export type RawDuration = string | number;
/** `30%` or `0.3`. */
export type RawFraction = string | number;
/** `20/s`, `600/m`, or a number per second. */
export type RawRate = string | number;

export interface RawScenario {
  name: string;
  description?: string;
  protocols?: string[];
  seed?: number;
  duration: RawDuration;
  warmup?: RawDuration;
  heartbeat?: RawHeartbeat;
  topology?: string;
  tools?: Record<string, RawTool>;
  agents: Record<string, RawAgentGroup>;
  workload: RawWorkload;
  faults?: RawFault[];
  expect?: RawExpectItem[];
  metrics?: RawMetrics;
  harness?: RawHarness;
  baseline?: RawBaseline;
  /** `--baseline` tolerances: metric reference → `20%` / `0.2`. */
  regression?: Record<string, string | number>;
}

export interface RawMetrics {
  bucket?: RawDuration;
  min_samples?: number;
  recover_for?: RawDuration;
  stable_for?: RawDuration;
}

export interface RawHarness {
  max_issue_lag_p99?: RawDuration;
  max_issue_lag?: RawDuration;
  max_loop_delay?: RawDuration;
}

export interface RawBaseline {
  min_success_rate?: RawFraction;
}

export interface RawHeartbeat {
  interval?: RawDuration;
  timeout?: RawDuration;
}

export interface RawTool {
  kind: string;
  ttl?: number;
  delay?: RawDuration;
  delay_max?: RawDuration;
  fail_rate?: RawFraction;
  model?: string;
  base_url?: string;
  api_key_env?: string;
  command?: string;
}

export interface RawAgentGroup {
  count?: number;
  tool?: string;
  command?: string;
  data?: string;
  protocol?: string;
  /** With `protocol: a2a`: "1.0" | "0.3" (YAML may give the numbers 1 and 0.3). */
  protocol_version?: string | number;
  ready?: RawDuration;
}

export interface RawWorkload {
  rate?: RawRate;
  concurrency?: number;
  task_timeout?: RawDuration;
  success?: 'correct' | 'reply';
  bucket?: RawDuration;
  stable_for?: RawDuration;
  message_flow: RawFlowStep[];
}

export interface RawFlowStep {
  from: string;
  to: string;
  message_type?: string;
}

export interface RawFault {
  at: RawDuration;
  every?: RawDuration;
  times?: number;
  kill?: RawFraction | string[];
  of?: string;
  signal?: string;
  for?: RawDuration;
  restart_after?: RawDuration;
  partition?: (string | string[])[];
  latency?: RawDuration;
  jitter?: RawDuration;
  loss?: RawFraction;
  target?: string | string[];
  reset?: RawFraction;
  blackhole?: string | string[];
  bandwidth?: string | number;
  message?: RawMessageFault;
}

/** `message:` of a fault: one message_type and one action. */
export interface RawMessageFault {
  type: string;
  drop?: RawFraction;
  delay?: RawDuration;
  duplicate?: RawFraction;
  corrupt?: RawFraction;
}

export interface RawExpectRule {
  protocol: string;
  expect: string;
}

/** An `expect` entry: an assertion, or an assertion that applies to one protocol only. */
export type RawExpectItem = string | RawExpectRule;

type Keys<T> = Record<keyof T, true>;

/** Every key of RawScenario. */
export const RAW_SCENARIO_KEYS = {
  name: true,
  description: true,
  protocols: true,
  seed: true,
  duration: true,
  warmup: true,
  heartbeat: true,
  topology: true,
  tools: true,
  agents: true,
  workload: true,
  faults: true,
  expect: true,
  metrics: true,
  harness: true,
  baseline: true,
  regression: true,
} as const satisfies Keys<RawScenario>;

/** Every key of RawMetrics. */
export const RAW_METRICS_KEYS = {
  bucket: true,
  min_samples: true,
  recover_for: true,
  stable_for: true,
} as const satisfies Keys<RawMetrics>;

/** Every key of RawHarness. */
export const RAW_HARNESS_KEYS = {
  max_issue_lag_p99: true,
  max_issue_lag: true,
  max_loop_delay: true,
} as const satisfies Keys<RawHarness>;

/** Every key of RawBaseline. */
export const RAW_BASELINE_KEYS = { min_success_rate: true } as const satisfies Keys<RawBaseline>;

/** Every key of RawHeartbeat. */
export const RAW_HEARTBEAT_KEYS = { interval: true, timeout: true } as const satisfies Keys<RawHeartbeat>;

/** Every key of RawTool. */
export const RAW_TOOL_KEYS = {
  kind: true,
  ttl: true,
  delay: true,
  delay_max: true,
  fail_rate: true,
  model: true,
  base_url: true,
  api_key_env: true,
  command: true,
} as const satisfies Keys<RawTool>;

/** Every key of RawAgentGroup. */
export const RAW_AGENT_GROUP_KEYS = {
  count: true,
  tool: true,
  command: true,
  data: true,
  protocol: true,
  protocol_version: true,
  ready: true,
} as const satisfies Keys<RawAgentGroup>;

/** Every key of RawWorkload. */
export const RAW_WORKLOAD_KEYS = {
  rate: true,
  concurrency: true,
  task_timeout: true,
  success: true,
  bucket: true,
  stable_for: true,
  message_flow: true,
} as const satisfies Keys<RawWorkload>;

/** Every key of RawFlowStep. */
export const RAW_FLOW_STEP_KEYS = { from: true, to: true, message_type: true } as const satisfies Keys<RawFlowStep>;

/** Every key of RawFault. */
export const RAW_FAULT_KEYS = {
  at: true,
  every: true,
  times: true,
  kill: true,
  of: true,
  signal: true,
  for: true,
  restart_after: true,
  partition: true,
  latency: true,
  jitter: true,
  loss: true,
  target: true,
  reset: true,
  blackhole: true,
  bandwidth: true,
  message: true,
} as const satisfies Keys<RawFault>;

/** Every key of RawMessageFault. */
export const RAW_MESSAGE_FAULT_KEYS = {
  type: true,
  drop: true,
  delay: true,
  duplicate: true,
  corrupt: true,
} as const satisfies Keys<RawMessageFault>;

/** Every key of RawExpectRule. */
export const RAW_EXPECT_RULE_KEYS = { protocol: true, expect: true } as const satisfies Keys<RawExpectRule>;

/** Schema location (JSON pointer into storm.schema.json) → the key table of the matching raw type. */
export const RAW_SCHEMA_OBJECTS: Record<string, Record<string, true>> = {
  '': RAW_SCENARIO_KEYS,
  '/$defs/heartbeat': RAW_HEARTBEAT_KEYS,
  '/$defs/tool': RAW_TOOL_KEYS,
  '/$defs/agentGroup': RAW_AGENT_GROUP_KEYS,
  '/$defs/workload': RAW_WORKLOAD_KEYS,
  '/$defs/flowStep': RAW_FLOW_STEP_KEYS,
  '/$defs/fault': RAW_FAULT_KEYS,
  '/$defs/messageFault': RAW_MESSAGE_FAULT_KEYS,
  '/$defs/expectItem': RAW_EXPECT_RULE_KEYS,
  '/$defs/metrics': RAW_METRICS_KEYS,
  '/$defs/harness': RAW_HARNESS_KEYS,
  '/$defs/baseline': RAW_BASELINE_KEYS,
};

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type Required<T> = Record<RequiredKeys<T>, true>;

/** Required keys of each raw object type, checked against the schema's `required` by a unit test. */
export const RAW_REQUIRED: Record<string, Record<string, true>> = {
  '': { name: true, duration: true, agents: true, workload: true } satisfies Required<RawScenario>,
  '/$defs/heartbeat': {} satisfies Required<RawHeartbeat>,
  '/$defs/tool': { kind: true } satisfies Required<RawTool>,
  '/$defs/agentGroup': {} satisfies Required<RawAgentGroup>,
  '/$defs/workload': { message_flow: true } satisfies Required<RawWorkload>,
  '/$defs/flowStep': { from: true, to: true } satisfies Required<RawFlowStep>,
  '/$defs/fault': { at: true } satisfies Required<RawFault>,
  '/$defs/messageFault': { type: true } satisfies Required<RawMessageFault>,
  '/$defs/expectItem': { protocol: true, expect: true } satisfies Required<RawExpectRule>,
  '/$defs/metrics': {} satisfies Required<RawMetrics>,
  '/$defs/harness': {} satisfies Required<RawHarness>,
  '/$defs/baseline': {} satisfies Required<RawBaseline>,
};
