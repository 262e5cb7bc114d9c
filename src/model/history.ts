/**
 * The history of one cell: an append-only list of observed events, written to history.jsonl.
 * Every time `t` is milliseconds since the workload started (t=0), measured on the machine's
 * monotonic clock (process.hrtime, shared by every process on the host), so agents' and the
 * runner's events line up. Times before the workload (start-up) are negative.
 * Metrics are pure functions of this list (src/metrics/).
 */

/** How a task ended. `lost` is never written: it is a task issued without an end event. */
export type TaskOutcome = 'ok' | 'fail' | 'timeout';

/** How a fault acted, as the history records it (src/faults/kinds/ has one FaultKind per scenario key). */
export type FaultKindName =
  | 'kill'
  | 'pause'
  | 'partition'
  | 'network'
  | 'reset'
  | 'blackhole'
  | 'bandwidth'
  | 'message';

/**
 * What a proxy fault did on its links while it was in force, per link `from>to`: connections reset,
 * connections and bytes swallowed by a blackhole, bytes shaped, messages dropped / delayed /
 * duplicated / corrupted. Only non-zero counts are written.
 */
export type FaultCounts = Record<string, Record<string, number>>;

/** What a message fault did to one application message. */
export type MessageAction = 'drop' | 'delay' | 'duplicate' | 'corrupt';

/** A fault occurrence was applied; `verified` says whether its effect was observed. */
export interface FaultEvent {
  type: 'fault';
  t: number;
  /** Index of this occurrence among all fault occurrences of the cell (0-based). */
  fault: number;
  kind: FaultKindName;
  victims: string[];
  /** Process faults: every live process of the victims' process groups when the signal went out. */
  pids: number[];
  signal?: string;
  verified: boolean;
  detail?: string;
  /** Partitions: the sides (agent ids, `rest` expanded); detection is looked for across them. */
  sides?: string[][];
}

export type HistoryEvent =
  /**
   * The driver issued a task (its first message is about to leave). `scheduled`: when the open
   * workload planned it (same clock as `t`); t − scheduled is the harness's issue lag.
   */
  | { type: 'task_issued'; t: number; task: string; to: string; scheduled?: number }
  /**
   * An open-workload task scheduled inside the run that the driver woke up for only after the run had
   * ended: never sent (a task issued after the end would be measured against a window that is over).
   * Not a task for the metrics; the harness block counts it, with lag t − scheduled as a lower bound.
   */
  | { type: 'task_skipped'; t: number; scheduled: number }
  /** The driver got the final answer, an error reply, a failed send, or gave up waiting. */
  | {
      type: 'task_end';
      t: number;
      task: string;
      outcome: TaskOutcome;
      /** Only when the workload has gold answers: did the answer contain it. */
      correct?: boolean;
      error?: string;
    }
  /**
   * `agent` ran its tool for (task, step). Twice for the same pair = duplicate work. `by`: recorded
   * by the sender of the step (an agent id or `client`) from the executor's ok reply, so the
   * execution survives the executor's SIGKILL; metrics count an execution recorded on both sides once.
   */
  | { type: 'exec'; t: number; agent: string; task: string; step: number; by?: string }
  /**
   * Bytes on the wire into and out of `agent` since its last report (both directions), and the
   * requests among them: counted at a built-in agent's server sockets, or (`by: 'proxy'`) by the
   * link proxies every caller of a user's agent goes through.
   */
  | { type: 'wire'; t: number; agent: string; bytes: number; messages: number; by?: 'proxy' }
  /** `agent`'s failure detector declared `peer` dead, on a `refused` connection or `silence`. */
  | { type: 'detect'; t: number; agent: string; peer: string; evidence?: 'refused' | 'silence' }
  /** `agent`'s failure detector saw `peer` alive again after declaring it dead. */
  | { type: 'rejoin'; t: number; agent: string; peer: string }
  /**
   * Storm could not count `agent`'s traffic: tasks it answered never passed the link proxies (a
   * user's agent that sends its callers to another address, e.g. an A2A card naming its own port).
   * Byte metrics of the cell are then null, never an undercount.
   */
  | { type: 'unmetered'; t: number; agent: string; reason: string }
  /** A successful message exchange with a restarted agent (driver or peer saw it answer). */
  | { type: 'reconnect'; t: number; agent: string; by: string }
  /** A fault was applied; `verified` says whether its effect was observed. */
  | FaultEvent
  /**
   * A paused agent was resumed, or a proxy fault lifted. Proxy faults whose effect can only be counted
   * (reset, blackhole, bandwidth, message) carry what they did on each link, and whether that shows they
   * took effect (`verified: false` → the cell is inconclusive).
   */
  | {
      type: 'fault_end';
      t: number;
      fault: number;
      victims: string[];
      counts?: FaultCounts;
      verified?: boolean;
      detail?: string;
    }
  /**
   * A message fault acted on one application message crossing link `from`→`to`: the request (or, for
   * a reply type, the reply to the request) with message id `message` of (task, step).
   */
  | {
      type: 'message_fault';
      t: number;
      fault: number;
      action: MessageAction;
      from: string;
      to: string;
      message_type: string;
      message: string;
      task: string;
      step: number;
      reply?: boolean;
    }
  /** A victim came back as a new process. */
  | { type: 'restart'; t: number; fault: number; agent: string; pid: number; ready: boolean }
  /** An agent process became ready (start-up or restart). */
  | { type: 'agent_ready'; t: number; agent: string; pid: number; port: number }
  /** An agent process exited (for any reason). */
  | { type: 'agent_exit'; t: number; agent: string; pid: number; code: number | null; signal: string | null }
  /** The workload window: start is t=0, end is the last task issue allowed. */
  | { type: 'run_end'; t: number }
  /**
   * Event-loop delay of the runner (`agent: 'runner'`) or of a built-in agent process (`pid`) over the
   * sampling window [from, t]: its p99 and max in ms, beyond the timer's own resolution.
   */
  | { type: 'loop_delay'; t: number; from: number; agent: string; pid?: number; p99: number; max: number };

export type HistoryEventType = HistoryEvent['type'];
