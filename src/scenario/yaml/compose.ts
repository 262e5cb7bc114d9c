/**
 * Text → YAML Document, guarded. The `yaml` library builds nodes recursively, so 1,000 nested `[`
 * exhaust the stack; its concrete syntax tree (CST) is built without recursion, so the nesting is
 * measured there first and a file nested too deep is refused before any node is composed.
 */
import { Composer, Document, LineCounter, Parser, YAMLParseError, type CST } from 'yaml';
import { MAX_YAML_DEPTH } from '../limits.js';

/** Parse options shared by every parse of a scenario: errors as data, never a warning on stderr. */
const OPTIONS = { prettyErrors: false, uniqueKeys: true, logLevel: 'error' } as const;

/** A composed document, or where the nesting first went past MAX_YAML_DEPTH (a 0-based offset). */
export interface Composed {
  doc: Document;
  lc: LineCounter;
  tooDeepAt?: number;
}

type Item = { key?: CST.Token | null; value?: CST.Token };

/** Offset of the first collection nested deeper than `max`, walking the CST without recursion. */
export function firstTooDeep(tokens: readonly CST.Token[], max: number): number | undefined {
  const stack: [CST.Token, number][] = tokens.map((t) => [t, 0]);
  while (stack.length) {
    const [token, depth] = stack.pop()!;
    let items: readonly Item[] = [];
    let inner = depth;
    if (token.type === 'document') items = token.value ? [{ value: token.value }] : [];
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      inner = depth + 1;
      if (inner > max) return token.offset;
      items = token.items;
    }
    for (const item of items) {
      if (item.key) stack.push([item.key, inner]);
      if (item.value) stack.push([item.value, inner]);
    }
  }
  return undefined;
}

/**
 * Line starts counted from the text itself. The parser can report them as it lexes, but after an
 * error it skips some (an unexpected "}" once moved every later issue two lines up).
 */
export function lineCounterOf(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return lc;
}

/** Compose the first document of `text`; a second document is an error, as in parseDocument. */
export function composeDocument(text: string): Composed {
  const lc = lineCounterOf(text);
  const tokens = Array.from(new Parser().parse(text));
  const tooDeepAt = firstTooDeep(tokens, MAX_YAML_DEPTH);
  if (tooDeepAt !== undefined) return { doc: new Document(null, OPTIONS), lc, tooDeepAt };
  let doc: Document | undefined;
  for (const next of new Composer(OPTIONS).compose(tokens, true, text.length)) {
    if (!doc) doc = next as Document;
    else {
      doc.errors.push(
        new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'a scenario file holds one YAML document'),
      );
      break;
    }
  }
  return { doc: doc ?? new Document(null, OPTIONS), lc };
}
