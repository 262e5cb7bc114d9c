/** A usage problem found while reading the command line, printed by the one error printer (exit 2). */
import { closestName } from '../../util/did-you-mean.js';
import { UsageError } from '../../report/errors.js';
import { printError } from '../print-error.js';

/** Report a usage problem; with candidates, the hint lists the expected values and a did-you-mean. */
export function usageError(message: string, candidates?: readonly string[], given?: string): number {
  let hint: string | undefined;
  if (candidates) {
    const guess = given ? closestName(given, candidates) : undefined;
    hint = `expected one of ${candidates.join(', ')}${guess ? `; did you mean "${guess}"?` : ''}`;
  }
  return printError(new UsageError(message, hint === undefined ? {} : { hint }));
}
