/**
 * The upper limits of a scenario, each with the reason a user reads in the error. They keep a
 * mistyped number (`count: 10000000`, `times: 2^53`, `duration: 3000000000`) from hanging validation
 * or a run; the schema states the same numbers (a unit test checks that they agree).
 */

/**
 * Largest scenario file read, in bytes: a hand-written scenario is a few kB and data belongs in data
 * files. Parsing YAML takes about a second per MB on a busy CI machine, so this also bounds the time.
 */
export const MAX_FILE_BYTES = 256 * 1024;

/** Deepest YAML nesting: a scenario needs six levels; deeper input could exhaust the parser's stack. */
export const MAX_YAML_DEPTH = 32;

/** Longest group or tool name: it becomes part of every agent id, workspace path and report line. */
export const MAX_NAME_LENGTH = 64;

/** Most agents per scenario (and per group). */
export const MAX_AGENTS = 1000;

/** Node.js timers hold a signed 32-bit millisecond count; a longer delay fires after 1 ms instead. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Longest run. */
export const MAX_RUN_MS = 24 * 3_600_000;

/** Most tasks per second the driver is asked to issue. */
export const MAX_RATE_PER_S = 2000;

/** Most tasks in flight in the closed model. */
export const MAX_CONCURRENCY = 1000;

/** Most tasks one cell may issue (rate × duration). */
export const MAX_TASKS_PER_RUN = 1_000_000;

/** Most occurrences of one cyclic fault. */
export const MAX_TIMES = 1000;

/** Most faults in one scenario. */
export const MAX_FAULTS = 100;

/** Most hops of a forwarded shard lookup. */
export const MAX_TTL = 16;

/** Why each limit exists, in words that fit after "at most N …". */
export const LIMIT_REASONS = {
  agents: `each agent is its own OS process (10–15 MB of memory of its own, and a share of the CPU: 500 already overload 2 cores), so ${MAX_AGENTS} agents need about 15 GB and many cores`,
  timer: `Node.js timers count milliseconds in 32 bits: a longer delay fires after 1 ms instead`,
  run: 'every cell of the scenario runs this long, once per protocol; split a longer soak into several runs',
  rate: 'the driver issues every task from the one runner process and cannot keep a faster schedule (the cell would be inconclusive)',
  concurrency: 'the one driver process holds every task in flight',
  tasks: "every task's events stay in memory for the metrics and are written to history.jsonl",
  times: 'each occurrence is scheduled, applied and verified during the run',
  faults: 'each fault is scheduled, applied and verified during the run; split the storm into several scenarios',
  ttl: 'each hop may ask every peer again, so lookups grow as peers to the power of ttl',
  name: 'it becomes part of every agent id, workspace path and report line',
  file: 'a scenario is a few kB of hand-written YAML; put data in data files (data:)',
  depth: "a scenario needs about six levels, and deeper input could exhaust the parser's stack",
} as const;

/** "at most 1000 agents, got 5000: <reason>": every limit reads the same way. */
export function atMost(limit: string, got: string, reason: string): string {
  return `at most ${limit}, got ${got}: ${reason}`;
}
