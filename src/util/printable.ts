/**
 * Text from a scenario file echoed in a message must not break the one-line `file:line:col  message`
 * format or hide what it says: a raw CR returns to the start of the terminal line, U+2028 is a line
 * break to editors, bidi overrides reorder what the reader sees, and a 1 MB identifier buries the rest.
 */

/** Control and invisible characters, escaped as \r, \t or \uXXXX (a newline we wrote ourselves stays). */
const UNPRINTABLE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

const NAMED: Record<string, string> = { '\r': '\\r', '\t': '\\t', '\u0000': '\\0' };

/** Longest unbroken run of characters shown in full; longer ones keep their start and their length. */
const MAX_RUN = 120;
const LONG_RUN = new RegExp(`\\S{${MAX_RUN + 1},}`, 'g');
/** Longest message shown in full. */
const MAX_TEXT = 2000;

function escapeChar(c: string): string {
  return Object.hasOwn(NAMED, c) ? NAMED[c] : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` safe to print on one line: invisible characters escaped, huge tokens and texts shortened. */
export function printable(text: string): string {
  const out = text
    .replace(LONG_RUN, (run) => `${run.slice(0, 60)}… (${run.length} characters)`)
    .replace(UNPRINTABLE, escapeChar);
  return out.length > MAX_TEXT ? `${out.slice(0, MAX_TEXT)}… (${out.length} characters in all)` : out;
}
