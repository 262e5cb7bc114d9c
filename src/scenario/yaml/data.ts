/**
 * YAML Document → plain data, with every way that conversion can go wrong reported at its line:
 * an alias without an anchor, an alias bomb (more expansions than MAX_ALIAS_EXPANSIONS), a list,
 * mapping or alias used as a mapping key, and the library's warnings (an unknown tag). Without this
 * the conversion throws and the file reads as "empty", or prints a warning on stderr.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node } from 'yaml';
import type { IssueSink } from '../issues.js';
import type { PathSeg } from './locate.js';

/** Alias expansions allowed per file (the yaml library's default guard against "billion laughs"). */
export const MAX_ALIAS_EXPANSIONS = 100;

type Visit = (node: Node, path: PathSeg[]) => void;

/** Visit every node in document order (keys before their values); depth is bounded by compose.ts. */
function walk(node: unknown, path: PathSeg[], visit: Visit): void {
  if (!node || typeof node !== 'object') return;
  visit(node as Node, path);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      walk(pair.key, path, visit);
      walk(pair.value, [...path, isScalar(pair.key) ? String(pair.key.value) : String(pair.key)], visit);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walk(item, [...path, i], visit));
  }
}

/** The source text of a node on one line, short enough for a message. */
function sourceOf(text: string, node: Node): string {
  const [start, end] = node.range ?? [0, 0];
  const flat = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}

/**
 * Report keys that are not scalars and replace each with a string key holding its source text, so
 * the later stages see (and stay quiet about) the same path the error names.
 */
function checkKeys(doc: Document, text: string, sink: IssueSink): void {
  walk(doc.contents, [], (node, path) => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (!key || isScalar(key)) continue;
      const shown = sourceOf(text, key);
      const what = isAlias(key) ? 'an alias' : isSeq(key) ? 'a list' : 'a mapping';
      const plain = new Scalar(shown);
      plain.range = key.range;
      pair.key = plain;
      const pos = key.range ? sink.positionAt(key.range[0]) : undefined;
      sink.add({
        path: [...path, shown],
        at: 'key',
        code: 'yaml-complex-key',
        message: `${what} cannot be a mapping key: ${shown}`,
        hint: `keys are plain names such as agents: or worker:; if you meant the text, quote it: ${JSON.stringify(shown)}: …`,
        pos,
      });
    }
  });
}

/** After toJS failed on aliases: find the alias to blame, in document order. */
function reportAliases(doc: Document, sink: IssueSink, failure: string): boolean {
  const anchors = new Set<string>();
  const uses = new Map<string, { count: number; first: Node }>();
  let reported = false;
  walk(doc.contents, [], (node, path) => {
    if (isAlias(node)) {
      const name = node.source;
      const use = uses.get(name) ?? { count: 0, first: node };
      use.count++;
      uses.set(name, use);
      if (!anchors.has(name) && !reported) {
        reported = true;
        sink.add({
          path,
          code: 'yaml-unknown-alias',
          message: `alias *${name} refers to no anchor: YAML needs &${name} on a value before this line`,
          hint: `write &${name} before the value you want to reuse, e.g. defaults: &${name} { … }`,
          pos: node.range ? sink.positionAt(node.range[0]) : undefined,
        });
      }
    } else if ((node as { anchor?: string }).anchor) anchors.add((node as { anchor: string }).anchor);
  });
  if (reported || !/alias count/i.test(failure)) return reported;
  const [name, most] = [...uses.entries()].sort((a, b) => b[1].count - a[1].count)[0] ?? [];
  if (!most) return false;
  sink.add({
    path: [],
    code: 'yaml-alias-limit',
    message: `aliases expand to more than ${MAX_ALIAS_EXPANSIONS} copies (*${name} is used ${most.count} time${most.count === 1 ? '' : 's'}): storm refuses such files as a guard against alias bombs`,
    hint: 'write the repeated values out, or reuse fewer and smaller anchors',
    pos: most.first.range ? sink.positionAt(most.first.range[0]) : undefined,
  });
  return true;
}

/** The plain data of `doc` (null when it cannot be built); every problem goes to `sink`. */
export function documentData(doc: Document, text: string, sink: IssueSink): unknown {
  for (const w of doc.warnings) {
    sink.add({
      path: [],
      code: 'yaml-warning',
      message: `YAML: ${w.message.split('\n')[0]}`,
      hint: 'a scenario uses plain YAML values: no tags or directives',
      pos: sink.positionAt(w.pos[0]),
    });
  }
  checkKeys(doc, text, sink);
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!reportAliases(doc, sink, message) && sink.count === 0) {
      sink.add({ path: [], code: 'yaml-syntax', message: `YAML: ${message}`, pos: { line: 1, col: 1 } });
    }
    return null;
  }
}
