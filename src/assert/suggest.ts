/**
 * Did-you-mean suggestions for names in assertions (metrics, functions, phases, units).
 */

/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions (typos like "recvoery"). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * Candidates close to `word`, best first (at most `max`). Close = small edit distance relative to the
 * length, or one name containing the other (users often drop the unit suffix: "recovery" → "recovery_ms").
 */
export function closest(word: string, candidates: readonly string[], max = 3): string[] {
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
export function didYouMean(names: string[]): string {
  if (names.length === 0) return '';
  const quoted = names.map((n) => `"${n}"`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return ` — did you mean ${list}?`;
}
