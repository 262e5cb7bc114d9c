/**
 * Normalize `expect:`: each entry is parsed once by the assertion parser; its errors land at the exact
 * column inside the YAML string. Entries YAML turned into mappings (`- x{phase: post} > 1`) are
 * explained by the trap check, not here.
 */
import { isScalar, Scalar } from 'yaml';
import { AssertParseError, parseAssertion } from '../assert/parse.js';
import { asMap, asString, locOf, type Ctx } from './read.js';
import { PROTOCOL_NAMES, type ExpectRule, type ProtocolName } from './types.js';
import { locate, type PathSeg } from './yaml-locate.js';

/** 1-based position of character `offset` of the string at `path`, skipping an opening quote. */
function positionInString(ctx: Ctx, path: readonly PathSeg[], offset: number): { line: number; col: number } {
  const node = locate(ctx.doc, path).value;
  if (!isScalar(node) || !node.range) return locOf(ctx, path);
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
  const start = ctx.lc.linePos(node.range[0]);
  if (block) return start; // content starts on a later line; the header is close enough
  return { line: start.line, col: start.col + offset + (quoted ? 1 : 0) };
}

function parseOne(ctx: Ctx, text: string, path: readonly PathSeg[]): ExpectRule | undefined {
  try {
    return { source: text.trim(), assertion: parseAssertion(text), loc: locOf(ctx, path) };
  } catch (err) {
    if (!(err instanceof AssertParseError)) throw err;
    ctx.sink.add({
      path,
      code: `assert-${err.code}`,
      message: err.message,
      hint: err.hint === undefined ? undefined : `write it as: ${err.hint.trim()}`,
      pos: positionInString(ctx, path, err.offset),
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
