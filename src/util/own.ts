/**
 * Table lookups by a key that came from user input. `table[key]` would find inherited members for
 * keys such as `__proto__` or `constructor` ("expected [object Object]"); only own entries count.
 */

/** `table[key]` when `key` is the table's own entry, else undefined. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
