/** Exit codes, SPEC §5. */
export const EXIT = {
  /** Every cell passed. */
  ok: 0,
  /** An assertion failed. */
  failed: 1,
  /** Invalid scenario or usage. */
  usage: 2,
  /** Agents failed to start, a fault could not be applied or verified. */
  inconclusive: 3,
  /** Interrupted (SIGINT). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
