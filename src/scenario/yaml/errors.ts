/**
 * The yaml library's syntax errors as issues: one per line, in words a user can act on, at the place
 * to fix. Two of its habits are undone here: a multi-line implicit key is blamed on its first line
 * (the ": " that made it a key is where it ends), and after a stray "}" every later line is an
 * "unexpected token" — one mistake, reported once.
 */
import type { Document, LineCounter, YAMLError } from 'yaml';
import type { IssueSink } from '../issues.js';

function friendlySyntax(code: string, raw: string): string {
  const first = raw.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
  if (code === 'DUPLICATE_KEY') return 'this key appears twice in the same mapping';
  if (code === 'MULTIPLE_DOCS')
    return 'a scenario file holds one YAML document: remove this "---" line or split the file';
  const stray = /Unexpected flow-(map|seq)-end token/.exec(first);
  if (stray)
    return `YAML syntax: this "${stray[1] === 'map' ? '}' : ']'}" closes a ${stray[1] === 'map' ? '{ … } mapping' : '[ … ] list'} that is not open`;
  if (code === 'BAD_INDENT' || code === 'MISSING_CHAR')
    return `YAML syntax: ${first} (check the indentation and closing brackets)`;
  return `YAML syntax: ${first}`;
}

/** Report `doc.errors`; lines in `seenLines` (already explained by a trap) get nothing more. */
export function reportSyntaxErrors(doc: Document, lc: LineCounter, sink: IssueSink, seenLines: Set<number>): void {
  sink.hasSyntaxErrors = doc.errors.length > 0;
  const multiline = doc.errors.filter((e) => e.code === 'MULTILINE_IMPLICIT_KEY');
  let unexpected: YAMLError | undefined;
  for (const err of doc.errors) {
    const key = multiline.find((m) => m.pos[0] === err.pos[0]);
    if (key && err !== key) continue;
    const pos = lc.linePos(key ? key.pos[1] : err.pos[0]);
    const first = lc.linePos(err.pos[0]).line;
    for (let line = first; line <= pos.line; line++) sink.markSyntaxLine(line);
    if (err.code === 'UNEXPECTED_TOKEN') {
      // The parser lost its place: every later token is "unexpected" too, and only the first is news.
      if (unexpected) continue;
      unexpected = err;
    }
    if (seenLines.has(pos.line)) continue;
    seenLines.add(pos.line);
    const message = key
      ? `YAML syntax: this ": " turns the text from line ${first} up to here into a mapping key; a value that continues over several lines cannot contain ": "`
      : friendlySyntax(err.code, err.message);
    const hint = key
      ? 'quote the value ("…"), or check the indentation of these lines'
      : err === unexpected
        ? 'YAML could not read on from here: fix this first'
        : undefined;
    sink.add({ path: [], code: 'yaml-syntax', message, hint, pos });
  }
}
