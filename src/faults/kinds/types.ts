/**
 * The fault extension point. Each kind of fault a scenario can schedule (`kill`, `partition`,
 * `network`, …) is one FaultKind in this folder, registered in index.ts. The cell's fault schedule
 * (src/run/fault-schedule.ts) drives every kind the same way:
 *   apply → evidence → record the `fault` event → (at `for`'s end) lift → record `fault_end`.
 * A kind never touches the history or the report: it acts, and says what it did and what it saw.
 */
import type { FaultKindName } from '../../model/history.js';
import type { FaultSpec, Scenario } from '../../scenario/types.js';
import type { Random } from '../../util/random.js';
import type { LinkRule } from '../link-rule.js';
import type { NetworkFabric } from '../network.js';
import type { LinkProxy } from '../proxy.js';

/** An agent process as a fault sees it (src/run/agent-process.ts implements it). */
export interface SignalTarget {
  readonly id: string;
  readonly pid: number;
  readonly alive: boolean;
  /** Signal the agent's whole process group; false when it could not be sent. */
  signal(sig: NodeJS.Signals): boolean;
  /** Resolves true once the process has exited, false after `timeoutMs`. */
  waitExit(timeoutMs: number): Promise<boolean>;
  /** Whether /proc shows the process stopped (SIGSTOP). */
  isStopped(): boolean;
  /** Its process group is this one process (a built-in agent that starts none): no /proc scan needed. */
  readonly soleProcess?: boolean;
}

/** What a fault may act on in a running cell. */
export interface FaultWorld {
  scenario: Scenario;
  /** Every agent id of the cell, in declaration order. */
  agentIds: readonly string[];
  /** The current process of each agent (a restarted agent's new process replaces the old). */
  processes: ReadonlyMap<string, SignalTarget>;
  /** The cell's seeded PRNG, shared by every fault in schedule order so victims are reproducible. */
  random: Random;
  /** The fault proxies, when a kind with `usesProxy` is scheduled. */
  fabric?: NetworkFabric;
}

/** One fault occurrence in force: what it hit. `kind` is how the history records it. */
export interface AppliedFault {
  kind: FaultKindName;
  /** Fault occurrence index within the cell. */
  occurrence: number;
  victims: string[];
  pids: number[];
  signal?: string;
  /** Partitions: the sides, `rest` expanded. */
  sides?: string[][];
  /** Process faults: the processes signalled (resume, restart). */
  processes?: SignalTarget[];
  /** Process faults: victims the signal could not be sent to. */
  unreached?: string[];
  /** Proxy faults: the links carrying the rule, and the rule. */
  links?: LinkProxy[];
  rule?: LinkRule;
}

/** Whether the fault was seen to take effect, observed from outside the agents (kernel, probes). */
export interface FaultEvidence {
  verified: boolean;
  detail?: string;
}

export interface FaultKind<S extends FaultSpec = FaultSpec> {
  /** Needs the cell's fault proxy on every link (opened before the agents start). */
  readonly usesProxy: boolean;
  /** Put the fault in force. */
  apply(spec: S, occurrence: number, world: FaultWorld): Promise<AppliedFault> | AppliedFault;
  /** Check that it took effect; a fault that cannot be verified makes the cell inconclusive. */
  evidence(applied: AppliedFault, spec: S, world: FaultWorld): Promise<FaultEvidence>;
  /** Undo it when its `for` has elapsed (SIGCONT, lift the proxy rules). */
  lift(applied: AppliedFault, world: FaultWorld): Promise<void> | void;
}
