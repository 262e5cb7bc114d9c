/**
 * Where character `index` of a scalar's value sits in the source. A value is not a copy of its
 * source: a multi-line plain scalar folds each line break and indentation into one space, quotes
 * surround it, `''` and `\"` stand for one character, a block scalar starts on the line after its
 * header. Adding `index` to the scalar's start would land past the end of a folded line; this walks
 * source and value side by side instead.
 */
import { Scalar } from 'yaml';

/** Length of the escape sequence at `j` of a double-quoted scalar (`\x41`, `\u00e9`, `\n`, …). */
function escapeLength(text: string, j: number): number {
  const kind = text[j + 1];
  if (kind === 'x') return 4;
  if (kind === 'u') return 6;
  if (kind === 'U') return 10;
  return 2;
}

/** Where the value's characters start and end in `text`. */
function contentRange(text: string, node: Scalar, start: number, end: number): [number, number] {
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
    const header = text.indexOf('\n', start);
    return [header < 0 || header >= end ? end : header + 1, end];
  }
  if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE)
    return [start + 1, Math.max(start + 1, end - 1)];
  return [start, end];
}

/**
 * Offset in `text` of character `index` of `value`, the string value of the scalar `node`; never
 * outside the scalar's source range (the nearest character when the two cannot be aligned).
 */
export function offsetInScalar(text: string, node: Scalar, value: string, index: number): number {
  const [start, end] = node.range ?? [0, 0];
  const [from, to] = contentRange(text, node, start, end);
  const double = node.type === Scalar.QUOTE_DOUBLE;
  const single = node.type === Scalar.QUOTE_SINGLE;
  let j = from;
  for (let i = 0; i < index && i < value.length && j < to; i++) {
    const c = value[i];
    if (/\s/.test(c) && /\s/.test(text[j])) {
      // A folded line break: one value character for the break and the indentation after it.
      while (j < to && /\s/.test(text[j])) j++;
      continue;
    }
    if (text[j] !== c) {
      while (j < to && /\s/.test(text[j])) j++;
      if (double && text[j] === '\\') {
        j += escapeLength(text, j);
        continue;
      }
    }
    if (single && c === "'" && text[j] === "'" && text[j + 1] === "'") j++;
    j++;
  }
  while (j < to && /\s/.test(text[j]) && !/\s/.test(value[index] ?? '')) j++;
  return Math.max(start, Math.min(j, Math.max(start, end - 1)));
}
