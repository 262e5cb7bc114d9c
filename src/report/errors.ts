/**
 * Errors of the report stage, on storm's one error base (src/model/errors.ts): the CLI prints them as
 * one message without a stack trace and ends with the exit code ERROR_EXIT gives their code.
 */
import { StormError } from '../model/errors.js';

/**
 * A bad command-line value, e.g. an unknown reporter name; exit code 2. The message is complete on its
 * own; `hint` adds a fix.
 */
export class UsageError extends StormError<'usage' | 'unknown-reporter' | 'bad-reporter-module'> {
  override name = 'UsageError';

  constructor(
    message: string,
    opts: { code?: 'usage' | 'unknown-reporter' | 'bad-reporter-module'; hint?: string; cause?: unknown } = {},
  ) {
    super(opts.code ?? 'usage', message, opts);
  }
}

/** One reporter hook that threw. */
export interface ReporterFailure {
  reporter: string;
  hook: string;
  error: unknown;
}

/** One or more reporters threw; raised after every reporter has had its turn. */
export class ReporterError extends StormError<'reporter-failed'> {
  override name = 'ReporterError';
  /** Every failure, in the order they happened. */
  readonly failures: ReporterFailure[];

  constructor(failures: ReporterFailure[]) {
    super(
      'reporter-failed',
      failures
        .map(
          (f) =>
            `reporter "${f.reporter}" failed in ${f.hook}: ${f.error instanceof Error ? f.error.message : String(f.error)}`,
        )
        .join('\n'),
      { cause: failures[0]?.error },
    );
    this.failures = failures;
  }
}
