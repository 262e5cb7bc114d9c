/**
 * Normalize `expect:`: each entry is parsed once by the assertion parser; its errors land at the exact
 * column inside the YAML string. Entries YAML turned into mappings (`- x{phase: post} > 1`) are
 * explained by the trap check, not here.
 */
import { isScalar, Scalar } from 'yaml';
import { AssertParseError, parseAssertion } from '../../assert/parse.js';
import type { IssueInput } from '../issues.js';
import { asMap, asString, locOf, type Ctx } from '../read.js';
import { PROTOCOL_NAMES, type ExpectRule, type ProtocolName } from '../types.js';
import { locate, type PathSeg } from '../yaml/locate.js';
import { offsetInScalar } from '../yaml/scalar-offset.js';

/** 1-based position of character `offset` of the string at `path`, inside its source however it is quoted or folded. */
function positionInString(
  ctx: Ctx,
  path: readonly PathSeg[],
  value: string,
  offset: number,
): { line: number; col: number } {
  const node = locate(ctx.doc, path).value;
  if (!isScalar(node) || !node.range) return locOf(ctx, path);
  return ctx.lc.linePos(offsetInScalar(ctx.text, node, value, offset));
}

/**
 * A list item indented one space too far is folded into the item above it (a multi-line plain
 * scalar): `- a < 1` + `   - b > 2` reads as "a < 1 - b > 2". Returns the issue naming the folded line.
 */
function foldedItem(ctx: Ctx, path: readonly PathSeg[]): IssueInput | undefined {
  const node = locate(ctx.doc, path).value;
  if (!isScalar(node) || node.type !== Scalar.PLAIN || !node.range) return undefined;
  const first = ctx.lc.linePos(node.range[0]).line;
  const last = ctx.lc.linePos(Math.max(node.range[0], node.range[1] - 1)).line;
  const lines = ctx.text.split('\n');
  for (let line = first + 1; line <= last; line++) {
    const text = lines[line - 1] ?? '';
    const dash = text.search(/\S/);
    if (!text.startsWith('- ', dash)) continue;
    const above = lines[first - 1] ?? '';
    const indent = above.slice(0, Math.max(0, above.search(/-\s/)));
    return {
      path,
      code: 'yaml-folded-item',
      message: `line ${line} is indented more than the "- " of line ${first}, so YAML read it as the continuation of that item, not as an item of its own`,
      hint: `indent it like line ${first}: ${JSON.stringify(`${indent}${text.trim()}`)}`,
      pos: { line, col: dash + 1 },
    };
  }
  return undefined;
}

function parseOne(ctx: Ctx, text: string, path: readonly PathSeg[]): ExpectRule | undefined {
  try {
    return { source: text.trim(), assertion: parseAssertion(text), loc: locOf(ctx, path) };
  } catch (err) {
    if (!(err instanceof AssertParseError)) throw err;
    const folded = foldedItem(ctx, path);
    if (folded) {
      ctx.sink.add(folded);
      return undefined;
    }
    ctx.sink.add({
      path,
      code: `assert-${err.code}`,
      message: err.message,
      hint: err.hint === undefined ? undefined : `write it as: ${err.hint.trim()}`,
      pos: positionInString(ctx, path, text, err.offset),
    });
    return undefined;
  }
}

/** Parse every `expect` entry; per-protocol rules keep their protocol. */
export function normalizeExpect(ctx: Ctx, raw: unknown): ExpectRule[] {
  const list = Array.isArray(raw) ? raw : [];
  const rules: ExpectRule[] = [];
  list.forEach((item, i) => {
    if (typeof item === 'string') {
      const rule = parseOne(ctx, item, ['expect', i]);
      if (rule) rules.push(rule);
      return;
    }
    const m = asMap(item);
    const text = asString(m?.expect);
    if (!m || text === undefined) return; // reported by the schema or the trap check
    const rule = parseOne(ctx, text, ['expect', i, 'expect']);
    const protocol = asString(m.protocol);
    if (rule && protocol && (PROTOCOL_NAMES as readonly string[]).includes(protocol)) {
      rules.push({ ...rule, protocol: protocol as ProtocolName, loc: locOf(ctx, ['expect', i]) });
    }
  });
  return rules;
}
