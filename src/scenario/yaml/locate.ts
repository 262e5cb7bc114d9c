/** Find the YAML node behind a data path (`['faults', 0, 'kill']`) to report its line and column. */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** One step of a path into the scenario: a mapping key or a list index. */
export type PathSeg = string | number;

/** The nodes found for a path: the deepest existing value, and its key when it sits in a mapping. */
export interface Located {
  key?: Node;
  value?: Node;
  /** How many path segments resolved; less than the path length when the path is missing. */
  depth: number;
}

function keyText(k: unknown): string {
  return isScalar(k) ? String(k.value) : String(k);
}

/** Walk `path` through the document as far as it exists. */
export function locate(doc: Document, path: readonly PathSeg[]): Located {
  let value = doc.contents as Node | null;
  let key: Node | undefined;
  let depth = 0;
  for (const seg of path) {
    if (isMap(value)) {
      const pair = value.items.find((p) => isPair(p) && keyText(p.key) === String(seg));
      if (!pair) break;
      key = (pair.key as Node) ?? undefined;
      value = (pair.value as Node | null) ?? null;
    } else if (isSeq(value) && typeof seg === 'number' && seg < value.items.length) {
      key = undefined;
      value = (value.items[seg] as Node | null) ?? null;
    } else break;
    depth++;
    // `duration:` with no value has no value node: report at its key instead.
    if (value === null) return { key, depth };
  }
  return { key, value: value ?? undefined, depth };
}

/** 1-based line and column of a path: its key (`at: 'key'`) or its value; the nearest existing parent if missing. */
export function positionOf(
  doc: Document,
  lc: LineCounter,
  path: readonly PathSeg[],
  at: 'key' | 'value' = 'value',
): { line: number; col: number } {
  const found = locate(doc, path);
  const missing = found.depth < path.length;
  const node = at === 'key' || missing ? (found.key ?? found.value) : (found.value ?? found.key);
  const offset = node?.range?.[0];
  if (offset === undefined) return { line: 1, col: 1 };
  return lc.linePos(offset);
}

/** Render a path the way users read it: `faults[0].kill`, `agents.worker.data`. */
export function formatPath(path: readonly PathSeg[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
