/** Print a usage error (no stack trace) and return exit code 2. */
import { closestName } from '../../util/did-you-mean.js';
import { EXIT } from '../exit-codes.js';

/** Report a usage problem; with candidates, add the expected values and a did-you-mean. */
export function usageError(message: string, candidates?: readonly string[], given?: string): number {
  let text = `storm: ${message}`;
  if (candidates) {
    const guess = given ? closestName(given, candidates) : undefined;
    text += ` — expected one of ${candidates.join(', ')}${guess ? `; did you mean "${guess}"?` : ''}`;
  }
  process.stderr.write(`${text}\n`);
  return EXIT.usage;
}
