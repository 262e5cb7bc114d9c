/**
 * The two YAML traps of SPEC §1, explained instead of reported as raw YAML errors:
 * an unquoted `{index}` placeholder inside a `{ … }` flow mapping (YAML reads the braces as a nested
 * mapping), and `: ` inside an unquoted `expect` item (YAML reads the item as a mapping).
 */

/** Placeholders a data or command template may use. */
export const PLACEHOLDERS = ['index', 'id', 'port', 'workspace'] as const;

const PLACEHOLDER_RE = /\{(index|id|port|workspace)\}/g;
const SELECTOR_COLON_RE = /\{([^{}]*?\b(?:phase|fault)\s*:[^{}]*)\}/g;

/**
 * Longest line checked for a trap. The traps are short hand-written lines; the scans below are
 * quadratic in the worst case, so a 100 kB generated line is left to the plain YAML error.
 */
const MAX_TRAP_LINE = 1000;

/** Whether position `i` of `line` sits inside a quoted string (good enough for one line of YAML). */
function insideQuotes(line: string, i: number): boolean {
  let quote: string | null = null;
  for (let k = 0; k < i; k++) {
    const ch = line[k];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
  }
  return quote !== null;
}

/** A placeholder trap found on one source line: the key, its unquoted value, the column of the key. */
export interface PlaceholderTrap {
  key: string;
  value: string;
  /** 0-based index of the key in the line. */
  keyIndex: number;
}

/** Find an unquoted value holding a `{placeholder}` on a line; undefined when the line has none. */
export function findPlaceholderTrap(line: string): PlaceholderTrap | undefined {
  if (line.length > MAX_TRAP_LINE) return undefined;
  for (const m of line.matchAll(PLACEHOLDER_RE)) {
    const at = m.index ?? 0;
    if (insideQuotes(line, at)) continue;
    // The value's key is the last `key: ` before the placeholder.
    const before = line.slice(0, at);
    const keys = [...before.matchAll(/(?:^|[\s{,])([A-Za-z_][\w-]*):\s+/g)];
    const last = keys[keys.length - 1];
    if (!last) continue;
    const keyIndex = (last.index ?? 0) + last[0].indexOf(last[1]);
    const start = (last.index ?? 0) + last[0].length;
    let end = start;
    while (end < line.length) {
      const rest = line.slice(end);
      const ph = /^\{(index|id|port|workspace)\}/.exec(rest);
      if (ph) {
        end += ph[0].length;
        continue;
      }
      const ch = line[end];
      if (ch === ',' || ch === '}' || (ch === '#' && /\s/.test(line[end - 1] ?? ' '))) break;
      end++;
    }
    const value = line.slice(start, end).trim();
    if (value) return { key: last[1], value, keyIndex };
  }
  return undefined;
}

/** The message and fix for a placeholder trap. */
export function placeholderMessage(trap: { key: string; value: string }): { message: string; hint: string } {
  const ph = /\{(\w+)\}/.exec(trap.value)?.[0] ?? '{index}';
  return {
    message: `the ${ph} placeholder in an unquoted value is read by YAML as a nested mapping (braces start a { … } mapping)`,
    hint: `quote it: ${trap.key}: ${JSON.stringify(trap.value)}`,
  };
}

/** A line where `: ` inside a `{…}` selector broke the YAML; returns the line fixed with `=`. */
export function fixSelectorColons(line: string): string | undefined {
  if (line.length > MAX_TRAP_LINE || !SELECTOR_COLON_RE.test(line)) return undefined;
  SELECTOR_COLON_RE.lastIndex = 0;
  return line.replace(SELECTOR_COLON_RE, (_, inner: string) => `{${inner.replace(/\s*:\s*/g, '=')}}`);
}

/** Explain an `expect` item that YAML turned into a one-pair mapping `{key: value}`; returns message + fixed text. */
export function expectMappingMessage(key: string, value: unknown): { message: string; hint: string } {
  const message = `this expect item was read as a mapping {${JSON.stringify(key)}: ${JSON.stringify(value ?? null)}} because YAML splits an unquoted item at ": "`;
  // A nested value (`- x: y: z`) has no one-line fix to show; say what to change instead.
  if (value !== null && typeof value === 'object')
    return {
      message: `${message} — assertions have no ":"`,
      hint: 'remove the ":" characters, or quote the whole item',
    };
  const original = `${key}: ${value === null || value === undefined ? '' : String(value)}`.trim();
  const fixed = key.includes('{') ? (fixSelectorColons(`${original}`) ?? original) : `${key} ${value ?? ''}`.trim();
  const why = key.includes('{') ? `selectors use "=", not ":"` : `assertions have no ":"`;
  return {
    message: `${message} — ${why}`,
    hint: `write it as: - ${fixed}`,
  };
}
