/** Stage 1: read the YAML with positions; syntax errors become issues, the two traps get their own words. */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { IssueSink, type IssueInput } from './issues.js';
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

interface Trap {
  line: number;
  input: Omit<IssueInput, 'pos'> & { col: number };
  /** The line as the user meant it, parsed again so one trap does not cascade into more errors. */
  fixedLine: string;
}

/** A trap on the line of a syntax error: the issue to report and the corrected line. */
function trapOn(lineText: string): { code: string; message: string; hint: string; col: number; fixedLine: string } | undefined {
  const ph = findPlaceholderTrap(lineText);
  if (ph) {
    const start = lineText.indexOf(ph.value, ph.keyIndex);
    const fixedLine = lineText.slice(0, start) + JSON.stringify(ph.value) + lineText.slice(start + ph.value.length);
    return { code: 'yaml-unquoted-placeholder', ...placeholderMessage(ph), col: ph.keyIndex + 1, fixedLine };
  }
  const fixed = fixSelectorColons(lineText);
  if (fixed) {
    const col = lineText.search(/\{[^{}]*?\b(phase|fault)\s*:/) + 1;
    // Inside a { … } rule the assertion must also be quoted, or its braces open another mapping.
    const fixedLine = fixed.replace(/(\bexpect:\s*)([^"'\s][^,]*?\{[^{}]*\}[^,}]*?)(\s*[,}])/, (_, k: string, v: string, end: string) => `${k}${JSON.stringify(v)}${end}`);
    return { code: 'yaml-selector-colon', message: 'YAML read ": " inside a {…} selector as a mapping — selectors use "=", not ":"', hint: `write the line as: ${fixedLine.trim()}`, col, fixedLine };
  }
  return undefined;
}

/**
 * Parse `text`; every syntax error is reported once per line. A trap on an error line is explained,
 * patched in the text and the text parsed again, so the rest of the file is still checked.
 */
export function parseYaml(file: string, text: string): ParsedFile {
  const lines = text.split(/\r?\n/);
  const traps: Trap[] = [];
  let lc = new LineCounter();
  let doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  for (let round = 0; round < 20 && doc.errors.length; round++) {
    const trap = doc.errors
      .map((err) => lc.linePos(err.pos[0]).line)
      .filter((line) => !traps.some((t) => t.line === line))
      .map((line) => ({ line, found: trapOn(lines[line - 1] ?? '') }))
      .find((x) => x.found);
    if (!trap?.found) break;
    const { code, message, hint, col, fixedLine } = trap.found;
    traps.push({ line: trap.line, input: { path: [], code, message, hint, col }, fixedLine });
    lines[trap.line - 1] = fixedLine;
    lc = new LineCounter();
    doc = parseDocument(lines.join('\n'), { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  }
  const sink = new IssueSink(file, doc, lc);
  for (const t of traps) {
    sink.markSyntaxLine(t.line);
    // The patched document knows the path of the key the trap sits on.
    const path = t.input.code === 'yaml-unquoted-placeholder' ? (pathOfKeyAt(doc.contents, lineOffset(lines, t.line) + t.input.col - 1) ?? []) : [];
    sink.add({ ...t.input, path, pos: { line: t.line, col: t.input.col } });
  }
  const seenLines = new Set<number>(traps.map((t) => t.line));
  for (const err of doc.errors) {
    const pos = lc.linePos(err.pos[0]);
    sink.markSyntaxLine(pos.line);
    if (seenLines.has(pos.line)) continue;
    seenLines.add(pos.line);
    sink.add({ path: [], code: 'yaml-syntax', message: friendlySyntax(err.code, err.message), pos });
  }
  let data: unknown = null;
  try {
    data = doc.toJS();
  } catch {
    data = null; // e.g. an unresolved alias: already reported as a syntax error
  }
  return { doc, lc, data, sink, lines };
}

function lineOffset(lines: string[], line: number): number {
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i].length + 1;
  return offset;
}
