/**
 * The one error type of storm. Every error storm throws on purpose is a StormError: a stable `code`
 * (kebab-case, for tests and tooling), a message that is complete on its own, an optional `hint` with
 * the fix, and the `cause` it wraps. ERROR_EXIT maps each code to the exit code the CLI ends with, and
 * src/cli/print-error.ts prints them all the same way: one line, the hint, no stack trace.
 * Anything else that reaches the CLI is a bug in storm and is printed with its stack.
 */
import { EXIT, type ExitCode } from './exit-codes.js';

/** Codes of a malformed assertion (src/assert/parse.ts); the scenario loader reports them as `assert-<code>`. */
export const ASSERT_ERROR_CODES = [
  'empty',
  'unexpected-character',
  'unknown-unit',
  'unknown-operator',
  'unexpected-token',
  'missing-operator',
  'two-operators',
  'unbalanced',
  'unknown-metric',
  'unknown-function',
  'bad-argument',
  'unknown-selector',
  'unknown-phase',
  'bad-fault-index',
  'selector-not-allowed',
  'selector-colon',
  'duplicate-selector',
  'needs-aggregation',
  'needs-phase',
  'too-long',
  'too-deep',
  'bad-number',
  'unit-mismatch',
] as const;
export type AssertErrorCode = (typeof ASSERT_ERROR_CODES)[number];

/** Every code, with the exit code it ends a run with (SPEC §5). */
export const ERROR_EXIT = {
  /** A bad command-line value. */
  usage: EXIT.usage,
  /** `-r` names a reporter storm does not have. */
  'unknown-reporter': EXIT.usage,
  /** `-r ./file.js`: the module cannot be loaded or exports no reporter class. */
  'bad-reporter-module': EXIT.usage,
  /** A path on the command line does not exist or cannot be searched. */
  'path-not-found': EXIT.usage,
  /** A scenario value is not in its unit's format (turned into a scenario issue by the loader). */
  'bad-unit': EXIT.usage,
  /** merge-reports / analyze / --baseline: a stored run is missing, unreadable or not storm's. */
  'bad-stored-run': EXIT.usage,
  /** merge-reports: blobs that cannot form one run (other storm versions, overlapping or missing shards). */
  'merge-mismatch': EXIT.usage,
  /** A reporter threw: the run's reports cannot be trusted. */
  'reporter-failed': EXIT.inconclusive,
  /** An agent did not start or become ready: its cell is inconclusive. */
  'agent-start': EXIT.inconclusive,
  /** A value JSON cannot represent was to be signed (ANP); answered as a 400 by the agent. */
  'not-json': EXIT.inconclusive,
  ...(Object.fromEntries(ASSERT_ERROR_CODES.map((c) => [c, EXIT.usage])) as Record<AssertErrorCode, ExitCode>),
} as const satisfies Record<string, ExitCode>;

export type StormErrorCode = keyof typeof ERROR_EXIT;

export interface StormErrorOptions {
  hint?: string;
  cause?: unknown;
}

export class StormError<C extends StormErrorCode = StormErrorCode> extends Error {
  override name = 'StormError';
  /** Stable machine-readable code; ERROR_EXIT says how a run ends with it. */
  readonly code: C;
  /** A fix the user can apply, printed after the message. */
  readonly hint?: string;

  constructor(code: C, message: string, options: StormErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.hint !== undefined) this.hint = options.hint;
  }

  /** The exit code a run that stops on this error ends with. */
  get exitCode(): ExitCode {
    return ERROR_EXIT[this.code];
  }
}
