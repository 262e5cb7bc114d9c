/**
 * "Did you mean …?" suggestions shared by scenario validation, assertions, reporters and the CLI. One
 * edit distance; each caller keeps its own closeness policy because their messages are part of the UX.
 */

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and (when `swaps`) adjacent
 * transpositions cost 1. Without swaps it is plain Levenshtein distance.
 */
export function editDistance(a: string, b: string, swaps = true): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (swaps && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[rows - 1][cols - 1];
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
    const d = cl === w ? 0 : editDistance(w, cl);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  if (best === undefined) return undefined;
  if (bestD <= threshold(word)) return best;
  const bl = best.toLowerCase();
  // A truncated or extended word (`work` for `worker`) is a likely intent even past the edit threshold.
  return w.length >= 3 && (bl.startsWith(w) || w.startsWith(bl)) ? best : undefined;
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
    const d = editDistance(w, c.toLowerCase(), false);
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
    const dist = editDistance(w, name.toLowerCase());
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
