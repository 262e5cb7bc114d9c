/** Positions the YAML stage computes itself instead of trusting the parser (issue 9). */
import { describe, expect, it } from 'vitest';
import { isScalar, LineCounter, Parser, parseDocument, type Scalar } from 'yaml';
import { firstTooDeep, lineCounterOf } from '../../../src/scenario/yaml/compose.js';
import { offsetInScalar } from '../../../src/scenario/yaml/scalar-offset.js';

describe('lineCounterOf', () => {
  it('counts every line, also where the parser skips one while recovering from a stray "}"', () => {
    const text = 'heartbeat: { a: 1 }}\ntopology: mesh\n  seed: 7\nlast: line\n';
    const fromParser = new LineCounter();
    Array.from(new Parser(fromParser.addNewLine).parse(text));
    expect(fromParser.lineStarts).not.toContain(text.indexOf('  seed')); // the parser's habit this guards against
    const lc = lineCounterOf(text);
    expect(lc.linePos(text.indexOf('last'))).toEqual({ line: 4, col: 1 });
    expect(lc.linePos(text.indexOf('seed'))).toEqual({ line: 3, col: 3 });
  });
});

describe('firstTooDeep', () => {
  const tokens = (text: string) => Array.from(new Parser().parse(text));
  it.each([
    ['flow lists', `x: ${'['.repeat(5000)}`, 'x: '.length + 3],
    ['compact sequences', `- ${'- '.repeat(5000)}1`, 2 * 4],
    ['block mappings', Array.from({ length: 10 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'), undefined],
  ])('%s: offset of the first collection past the limit, without recursion', (_, text, offset) => {
    expect(firstTooDeep(tokens(text), 4)).toBe(offset === undefined ? text.indexOf(`${' '.repeat(4)}a:`) + 4 : offset);
  });
  it('is undefined within the limit', () => {
    expect(firstTooDeep(tokens('a: { b: [1, [2]] }'), 4)).toBeUndefined();
  });
});

describe('offsetInScalar', () => {
  function where(yaml: string, index: number): string {
    const doc = parseDocument(yaml);
    const node = (doc.contents as { items: { value: Scalar }[] }).items[0].value;
    if (!isScalar(node)) throw new Error('not a scalar');
    const at = offsetInScalar(yaml, node, String(node.value), index);
    return yaml.slice(at, at + 5);
  }
  it.each([
    ['plain, one line', 'k: abc < zed9\n', 6, 'zed9\n'],
    ['plain, folded over lines', 'k: abc <\n    12 +\n    zed9\n', 11, 'zed9\n'],
    ['double-quoted with escapes', 'k: "a\\tb < zed9"\n', 6, 'zed9"'],
    ['single-quoted with a doubled quote', "k: 'it''s zed9'\n", 5, "zed9'"],
    ['folded block', 'k: >-\n  abc <\n  zed9\n', 6, 'zed9\n'],
    ['literal block starting with "-"', 'k: |-\n  -1 < zed9\n', 5, 'zed9\n'],
  ])('%s', (_, yaml, index, expected) => {
    expect(where(yaml, index)).toBe(expected);
  });
});
