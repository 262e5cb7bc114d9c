/**
 * The one printer of storm's errors: `storm: <message> — <hint>` on stderr, no stack trace, and the
 * exit code ERROR_EXIT gives the error's code. Anything that is not a StormError is a bug in storm;
 * it is printed with its stack so it can be reported, and the run is inconclusive.
 */
import { StormError } from '../model/errors.js';
import { EXIT, type ExitCode } from '../model/exit-codes.js';

export function printError(err: unknown, stderr: NodeJS.WritableStream = process.stderr): ExitCode {
  if (err instanceof StormError) {
    stderr.write(`storm: ${err.message}${err.hint ? ` — ${err.hint}` : ''}\n`);
    return err.exitCode;
  }
  stderr.write(
    `storm: internal error (please report it): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  return EXIT.inconclusive;
}
