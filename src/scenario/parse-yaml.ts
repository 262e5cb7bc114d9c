/** Stage 1: read the YAML with positions; syntax errors become issues, the two traps get their own words. */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { IssueSink, type IssueInput } from './issues.js';
import { LIMIT_REASONS, MAX_YAML_DEPTH } from './limits.js';
import { composeDocument } from './yaml/compose.js';
import { documentData } from './yaml/data.js';
import { reportSyntaxErrors } from './yaml/errors.js';
import type { PathSeg } from './yaml/locate.js';
import { findPlaceholderTrap, fixSelectorColons, placeholderMessage } from './traps.js';

/** The parsed file: its document (positions), plain data, and the sink that collects its issues. */
export interface ParsedFile {
  doc: Document;
  lc: LineCounter;
  data: unknown;
  sink: IssueSink;
  lines: string[];
  /** The text `doc` was parsed from: line breaks normalized, traps patched. */
  text: string;
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

interface Trap {
  line: number;
  input: Omit<IssueInput, 'pos'> & { col: number };
  /** The line as the user meant it, parsed again so one trap does not cascade into more errors. */
  fixedLine: string;
}

/** A trap on the line of a syntax error: the issue to report and the corrected line. */
function trapOn(
  lineText: string,
): { code: string; message: string; hint: string; col: number; fixedLine: string } | undefined {
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
    const fixedLine = fixed.replace(
      /(\bexpect:\s*)([^"'\s][^,]*?\{[^{}]*\}[^,}]*?)(\s*[,}])/,
      (_, k: string, v: string, end: string) => `${k}${JSON.stringify(v)}${end}`,
    );
    return {
      code: 'yaml-selector-colon',
      message: 'YAML read ": " inside a {…} selector as a mapping — selectors use "=", not ":"',
      hint: `write the line as: ${fixedLine.trim()}`,
      col,
      fixedLine,
    };
  }
  return undefined;
}

/**
 * The text as the YAML parser should see it: a UTF-8 byte-order mark dropped (editors do not show it,
 * so it must not shift columns) and every line break a "\n" (YAML also breaks lines at a lone CR,
 * which the line counter would not count).
 */
export function normalizeSource(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * Parse `text`; every syntax error is reported once per line. A trap on an error line is explained,
 * patched in the text and the text parsed again, so the rest of the file is still checked.
 */
export function parseYaml(file: string, raw: string): ParsedFile {
  let text = normalizeSource(raw);
  const lines = text.split('\n');
  const traps: Trap[] = [];
  let { doc, lc, tooDeepAt } = composeDocument(text);
  // Every trap on an error line is patched at once, so a file full of them costs a few parses, not one each.
  for (let round = 0; round < 5 && tooDeepAt === undefined && doc.errors.length; round++) {
    const found = [...new Set(doc.errors.map((err) => lc.linePos(err.pos[0]).line))]
      .filter((line) => !traps.some((t) => t.line === line))
      .flatMap((line) => {
        const trap = trapOn(lines[line - 1] ?? '');
        return trap ? [{ line, trap }] : [];
      });
    if (found.length === 0) break;
    for (const { line, trap } of found) {
      const { code, message, hint, col, fixedLine } = trap;
      traps.push({ line, input: { path: [], code, message, hint, col }, fixedLine });
      lines[line - 1] = fixedLine;
    }
    text = lines.join('\n');
    ({ doc, lc, tooDeepAt } = composeDocument(text));
  }
  const sink = new IssueSink(file, doc, lc);
  if (tooDeepAt !== undefined) {
    sink.add({
      path: [],
      code: 'yaml-too-deep',
      message: `YAML nested more than ${MAX_YAML_DEPTH} levels deep: ${LIMIT_REASONS.depth}`,
      hint: 'flatten this part of the file',
      pos: lc.linePos(tooDeepAt),
    });
    return { doc, lc, data: null, sink, lines, text };
  }
  for (const t of traps) {
    sink.markSyntaxLine(t.line);
    // The patched document knows the path of the key the trap sits on.
    const path =
      t.input.code === 'yaml-unquoted-placeholder'
        ? (pathOfKeyAt(doc.contents, lineOffset(lines, t.line) + t.input.col - 1) ?? [])
        : [];
    sink.add({ ...t.input, path, pos: { line: t.line, col: t.input.col } });
  }
  reportSyntaxErrors(doc, lc, sink, new Set<number>(traps.map((t) => t.line)));
  const data = documentData(doc, text, sink);
  return { doc, lc, data, sink, lines, text };
}

function lineOffset(lines: string[], line: number): number {
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i].length + 1;
  return offset;
}
