/**
 * Typed errors of the report stage, each with a stable `code` (STYLE point 8): the CLI prints known
 * errors as one message without a stack trace and maps them to an exit code.
 */

/**
 * A bad command-line value, e.g. an unknown reporter name; exit code 2. Codes: `USAGE` (generic),
 * `UNKNOWN_REPORTER`. The message is complete on its own (callers may print only it); `hint` adds a fix.
 */
export class UsageError extends Error {
  /** Stable machine-readable code. */
  readonly code: string;
  /** A fix the user can apply, printed after the message. */
  readonly hint?: string;

  constructor(message: string, opts: { code?: string; hint?: string } = {}) {
    super(message);
    this.name = 'UsageError';
    this.code = opts.code ?? 'USAGE';
    this.hint = opts.hint;
  }
}

/** One reporter hook that threw. */
export interface ReporterFailure {
  reporter: string;
  hook: string;
  error: unknown;
}

/** One or more reporters threw; raised after every reporter has had its turn. */
export class ReporterError extends Error {
  /** Stable machine-readable code. */
  readonly code = 'REPORTER_FAILED';
  /** Every failure, in the order they happened. */
  readonly failures: ReporterFailure[];

  constructor(failures: ReporterFailure[]) {
    super(
      failures
        .map((f) => `reporter "${f.reporter}" failed in ${f.hook}: ${f.error instanceof Error ? f.error.message : String(f.error)}`)
        .join('\n'),
    );
    this.name = 'ReporterError';
    this.failures = failures;
  }
}
