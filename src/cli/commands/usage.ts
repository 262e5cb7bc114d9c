/** Print a usage error (no stack trace) and return exit code 2. */
import { EXIT } from '../exit-codes.js';

/** Closest candidate by edit distance, if close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** Report a usage problem; with candidates, add the expected values and a did-you-mean. */
export function usageError(message: string, candidates?: readonly string[], given?: string): number {
  let text = `storm: ${message}`;
  if (candidates) {
    const guess = given ? closest(given, candidates) : undefined;
    text += ` — expected one of ${candidates.join(', ')}${guess ? `; did you mean "${guess}"?` : ''}`;
  }
  process.stderr.write(`${text}\n`);
  return EXIT.usage;
}
