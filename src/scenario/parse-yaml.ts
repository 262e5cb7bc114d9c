/** Stage 1: read the YAML with positions; syntax errors become issues, the two traps get their own words. */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { IssueSink } from './issues.js';
import type { PathSeg } from './yaml-locate.js';
import { findPlaceholderTrap, fixSelectorColons, placeholderMessage } from './traps.js';

/** The parsed file: its document (positions), plain data, and the sink that collects its issues. */
export interface ParsedFile {
  doc: Document;
  lc: LineCounter;
  data: unknown;
  sink: IssueSink;
  lines: string[];
}

/** Path of the mapping key that starts at `offset`, if any. */
function pathOfKeyAt(node: unknown, offset: number, path: PathSeg[] = []): PathSeg[] | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if ((pair.key as Node | null)?.range?.[0] === offset) return [...path, k];
      const inner = pathOfKeyAt(pair.value, offset, [...path, k]);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const inner = pathOfKeyAt(node.items[i], offset, [...path, i]);
      if (inner) return inner;
    }
  }
  return undefined;
}

function friendlySyntax(code: string, raw: string): string {
  const first = raw.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
  if (code === 'DUPLICATE_KEY') return 'this key appears twice in the same mapping';
  if (code === 'BAD_INDENT' || code === 'MISSING_CHAR') return `YAML syntax: ${first} (check the indentation and closing brackets)`;
  return `YAML syntax: ${first}`;
}

/** Parse `text`; every syntax error is reported once per line, explained when it is one of the traps. */
export function parseYaml(file: string, text: string): ParsedFile {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const lines = text.split(/\r?\n/);
  const sink = new IssueSink(file, doc, lc);
  const seenLines = new Set<number>();
  for (const err of doc.errors) {
    const pos = lc.linePos(err.pos[0]);
    sink.markSyntaxLine(pos.line);
    if (seenLines.has(pos.line)) continue;
    seenLines.add(pos.line);
    const lineText = lines[pos.line - 1] ?? '';
    const lineStart = err.pos[0] - (pos.col - 1);
    const ph = findPlaceholderTrap(lineText);
    if (ph) {
      const path = pathOfKeyAt(doc.contents, lineStart + ph.keyIndex) ?? [];
      sink.add({ path, code: 'yaml-unquoted-placeholder', ...placeholderMessage(ph), pos: { line: pos.line, col: ph.keyIndex + 1 } });
      continue;
    }
    const fixed = fixSelectorColons(lineText);
    if (fixed) {
      sink.add({
        path: [],
        code: 'yaml-selector-colon',
        message: 'YAML read ": " inside a {…} selector as a mapping — selectors use "=", not ":"',
        hint: `write the line as: ${fixed.trim()}`,
        pos,
      });
      continue;
    }
    sink.add({ path: [], code: 'yaml-syntax', message: friendlySyntax(err.code, err.message), pos });
  }
  return { doc, lc, data: doc.errors.length && doc.contents === null ? null : doc.toJS(), sink, lines };
}
