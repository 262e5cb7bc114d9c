/**
 * "Did you mean …?" suggestions shared by scenario validation, assertions, reporters and the CLI. One
 * edit distance; each caller keeps its own closeness policy because their messages are part of the UX.
 */

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and (when `swaps`) adjacent
 * transpositions cost 1. Without swaps it is plain Levenshtein distance. Keeps three rows, not the
 * whole matrix: memory grows with the shorter word only.
 */
export function editDistance(a: string, b: string, swaps = true): number {
  if (a.length < b.length) [a, b] = [b, a];
  const cols = b.length + 1;
  let prev2 = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let row = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (swaps && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j], prev2[j - 2] + 1);
    }
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[cols - 1];
}

/** Longest word compared by edit distance: a typo of a longer one is not worth the quadratic cost. */
const MAX_COMPARED_LENGTH = 128;

/**
 * The distance when it can be at most `max`, else Infinity without computing it: the distance is at
 * least the difference in length, so a 1 MB identifier costs nothing against short candidates.
 */
function distanceWithin(a: string, b: string, max: number, swaps = true): number {
  if (Math.abs(a.length - b.length) > max || a.length > MAX_COMPARED_LENGTH || b.length > MAX_COMPARED_LENGTH)
    return Infinity;
  return editDistance(a, b, swaps);
}

/** Largest distance still worth suggesting: short words need a close match, or every word "matches". */
function threshold(word: string): number {
  if (word.length <= 3) return 1;
  if (word.length <= 6) return 2;
  return 3;
}

/** The closest candidate to `word` (case-insensitive), or undefined when nothing is close enough. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    // A truncated or extended word (`work` for `worker`) is a likely intent even past the edit
    // threshold; its distance is exactly the difference in length.
    const affix = w.length >= 3 && (cl.startsWith(w) || w.startsWith(cl));
    const d = affix ? Math.abs(w.length - cl.length) : distanceWithin(w, cl, threshold(word));
    if (!affix && d > threshold(word)) continue;
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** `did you mean "x"?` for the closest candidate, or undefined. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const c = closest(word, candidates);
  return c === undefined ? undefined : `did you mean "${c}"?`;
}

/**
 * The candidate nearest by Levenshtein distance (first on ties, case-insensitive) if within max(2, a third
 * of the word's length), or undefined. The rule for command-line names (reporters, protocols).
 */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = distanceWithin(w, c.toLowerCase(), bestD - 1, false);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

/**
 * Candidates close to `word`, best first (at most `max`). Close = small edit distance relative to the
 * length, or one name containing the other (users often drop the unit suffix: "recovery" → "recovery_ms").
 */
export function closestRanked(word: string, candidates: readonly string[], max = 3): string[] {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(w.length / 3)));
  const scored: { name: string; score: number }[] = [];
  for (const name of candidates) {
    const dist = distanceWithin(w, name.toLowerCase(), limit);
    const contains = w.length >= 3 && (name.includes(w) || w.includes(name));
    // A dropped suffix ("recovery" for "recovery_ms") beats a typo of the same length.
    if (w.length >= 3 && name.toLowerCase().startsWith(w)) scored.push({ name, score: 0.5 });
    else if (dist <= limit) scored.push({ name, score: dist });
    else if (contains) scored.push({ name, score: limit + 0.5 });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, max).map((x) => x.name);
}

/** " — did you mean "a" or "b"?" or "" when nothing is close. */
export function didYouMeanAny(names: string[]): string {
  if (names.length === 0) return '';
  const quoted = names.map((n) => `"${n}"`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return ` — did you mean ${list}?`;
}
