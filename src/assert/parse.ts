/**
 * Hand-written recursive-descent parser of assertions (SPEC §4). Grammar:
 *
 *   assertion  := expr cmp expr EOF                     exactly one comparison
 *   cmp        := "<" | "<=" | ">" | ">=" | "==" | "!="
 *   expr       := term (("+" | "-") term)*
 *   term       := unary (("*" | "/") unary)*
 *   unary      := "-" unary | primary
 *   primary    := NUMBER | "(" expr ")" | call | reference
 *   call       := FN "(" reference ")"                 FN ∈ p50 p90 p95 p99 avg min max count
 *   reference  := METRIC ("{" [selector ("," selector)*] "}")?
 *   selector   := "phase" "=" ("pre" | "fault" | "post") | "fault" "=" INTEGER
 *   NUMBER     := digits ["." digits] [exponent] [unit]   unit (no space before it):
 *                 ms s m h → ms;  % → /100;  b kb mb gb (×1000) kib mib gib (×1024) → bytes
 *
 * METRIC is checked against src/metrics/names.ts: phase= only on phased metrics, fault= only on
 * per-fault ones (phased ones then also need phase=), distributions only inside a call.
 * Every node keeps its original text. Errors are AssertParseError with a 0-based offset.
 * Limits: at most MAX_ASSERTION_LENGTH characters and MAX_NESTING levels of "(" and unary "-", so a
 * hostile expression cannot exhaust the stack; a literal's unit must fit the metric it is compared
 * with (dimensions.ts).
 */
import { Cursor, describe } from './cursor.js';
import { unitNear } from './tokenize.js';
import { AssertParseError } from './errors.js';
import { FUNCTIONS, parseReference } from './reference.js';
import { closestRanked, didYouMeanAny } from '../util/did-you-mean.js';
import type { AggregateFn, Assertion, CompareOp, Expr } from '../model/assertions.js';
import { METRIC_BY_NAME } from '../metrics/names.js';
import { checkUnits } from './dimensions.js';

export { AssertParseError } from './errors.js';

/** Longest assertion accepted; longer ones are certainly a mistake and would only slow every stage down. */
export const MAX_ASSERTION_LENGTH = 1000;

/** Offset of each node in the assertion text, for errors found after parsing (units). */
const starts = new WeakMap<Expr, number>();

/** Record where `node` starts and return it. */
function at<T extends Expr>(node: T, start: number): T {
  starts.set(node, start);
  return node;
}

/** One left-associative level of binary operators: `next (op next)*`. */
function parseLevel(cur: Cursor, ops: readonly ('+' | '-' | '*' | '/')[], next: (cur: Cursor) => Expr): Expr {
  const start = cur.peek().start;
  let left = next(cur);
  while (ops.some((op) => cur.isPunct(op))) {
    const op = cur.next().text as '+' | '-' | '*' | '/';
    const right = next(cur);
    left = at({ kind: 'binary', op, left, right, text: cur.src.slice(start, cur.prevEnd) }, start);
  }
  return left;
}

function parseExpr(cur: Cursor): Expr {
  return parseLevel(cur, ['+', '-'], parseTerm);
}

function parseTerm(cur: Cursor): Expr {
  return parseLevel(cur, ['*', '/'], parseUnary);
}

function parseUnary(cur: Cursor): Expr {
  if (!cur.isPunct('-')) return parsePrimary(cur);
  const start = cur.next().start;
  cur.enter(start);
  const arg = parseUnary(cur);
  cur.leave();
  return at({ kind: 'neg', arg, text: cur.src.slice(start, cur.prevEnd) }, start);
}

function parsePrimary(cur: Cursor): Expr {
  const t = cur.peek();
  if (t.kind === 'number') {
    cur.next();
    return at({ kind: 'number', value: t.value!, text: t.text }, t.start);
  }
  if (t.kind === 'punct' && t.text === '(') {
    cur.next();
    cur.enter(t.start);
    const inner = parseExpr(cur);
    cur.leave();
    if (!cur.isPunct(')')) {
      const at = cur.peek();
      cur.fail(`missing ")" to close the "(" at offset ${t.start}, found ${describe(at)}`, at.start, 'unbalanced');
    }
    cur.next();
    return inner;
  }
  if (t.kind === 'ident')
    return at(
      cur.peek(1).kind === 'punct' && cur.peek(1).text === '(' ? parseCall(cur) : parseReference(cur, false),
      t.start,
    );
  if (t.kind === 'punct' && t.text === ')') cur.fail('unexpected ")" without a matching "("', t.start, 'unbalanced');
  if (t.kind === 'eof')
    cur.fail('the expression ends too early: expected a number or a metric', t.start, 'unexpected-token');
  return cur.fail(`expected a number, a metric or a function call, found ${describe(t)}`, t.start, 'unexpected-token');
}

function parseCall(cur: Cursor): Expr {
  const fn = cur.next();
  if (!(FUNCTIONS as readonly string[]).includes(fn.text)) {
    const near = closestRanked(fn.text, FUNCTIONS);
    const what = METRIC_BY_NAME.has(fn.text)
      ? `"${fn.text}" is a metric, not a function`
      : `unknown function "${fn.text}"${didYouMeanAny(near)}`;
    cur.fail(
      `${what} (functions: ${FUNCTIONS.join(' ')})`,
      fn.start,
      'unknown-function',
      near.length > 0 ? cur.replaced(fn.start, fn.end, near[0]) : undefined,
    );
  }
  const open = cur.next();
  const argTok = cur.peek();
  const isRef = argTok.kind === 'ident' && !(cur.peek(1).kind === 'punct' && cur.peek(1).text === '(');
  if (!isRef) {
    if (argTok.kind === 'eof')
      cur.fail(`missing ")" to close the "(" at offset ${open.start}`, argTok.start, 'unbalanced');
    cur.fail(
      `${fn.text}( ) takes one metric reference, e.g. ${fn.text}(latency_ms{phase=post}), found ${describe(argTok)}`,
      argTok.start,
      'bad-argument',
    );
  }
  const arg = parseReference(cur, true);
  const close = cur.peek();
  if (close.kind === 'eof' || close.kind === 'cmp')
    cur.fail(`missing ")" to close the "(" at offset ${open.start}`, close.start, 'unbalanced');
  if (close.kind !== 'punct' || close.text !== ')') {
    cur.fail(
      `${fn.text}( ) takes a single metric reference; found ${describe(close)} after ${arg.text}`,
      close.start,
      'bad-argument',
    );
  }
  cur.next();
  return { kind: 'call', fn: fn.text as AggregateFn, arg, text: cur.src.slice(fn.start, cur.prevEnd) };
}

/**
 * `4 s`: a number then a word that is (or is close to) a unit. Units are written against the
 * number (`4s`), so the hint is the whole assertion with the space gone — text that parses.
 */
function detachedUnit(cur: Cursor, side: Expr): void {
  const t = cur.peek();
  if (side.kind !== 'number' || t.kind !== 'ident' || /[a-z%]$/i.test(side.text) || /^(and|or)$/i.test(t.text)) return;
  const unit = unitNear(t.text);
  if (unit === undefined) return;
  const fixed = `${side.text}${unit}`;
  cur.fail(
    `"${t.text}" stands apart from ${side.text}: a unit is written against its number, e.g. "${fixed}"`,
    t.start,
    'unexpected-token',
    cur.replaced(cur.prevEnd - side.text.length, t.end, fixed),
  );
}

/** The offending token after a complete side, turned into the most helpful error. */
function missingOperator(cur: Cursor, left: Expr): never {
  detachedUnit(cur, left);
  const t = cur.peek();
  if (t.kind === 'punct' && t.text === '=') {
    cur.fail('"=" assigns; compare with "=="', t.start, 'unknown-operator', cur.replaced(t.start, t.end, '=='));
  }
  if (t.kind === 'punct' && t.text === ')') cur.fail('unexpected ")" without a matching "("', t.start, 'unbalanced');
  const where = t.kind === 'eof' ? 'at the end' : `before ${describe(t)}`;
  return cur.fail(
    `missing comparison operator ${where} (one of < <= > >= == !=), e.g. "recovery_ms < 5000"`,
    t.start,
    'missing-operator',
  );
}

/** Parse one assertion such as `p95(latency_ms{phase=post}) < 500ms`; throws AssertParseError. */
export function parseAssertion(text: string): Assertion {
  if (text.trim() === '')
    throw new AssertParseError('empty assertion: write e.g. "recovery_ms < 5000"', 0, undefined, 'empty');
  if (text.length > MAX_ASSERTION_LENGTH) {
    throw new AssertParseError(
      `an assertion is at most ${MAX_ASSERTION_LENGTH} characters (this one has ${text.length}); split it into several expect entries`,
      MAX_ASSERTION_LENGTH,
      undefined,
      'too-long',
    );
  }
  const cur = new Cursor(text);
  const left = parseExpr(cur);
  const opTok = cur.peek();
  if (opTok.kind !== 'cmp') missingOperator(cur, left);
  cur.next();
  const right = parseExpr(cur);
  const t = cur.peek();
  if (t.kind === 'cmp') {
    const mid = right.text;
    cur.fail(
      `only one comparison per assertion; write two expect entries`,
      t.start,
      'two-operators',
      `- ${text.slice(0, opTok.end)} ${mid}\n- ${mid} ${text.slice(t.start).trim()}`.replace(/ {2,}/g, ' '),
    );
  }
  if (t.kind === 'punct' && t.text === ')') cur.fail('unexpected ")" without a matching "("', t.start, 'unbalanced');
  if (t.kind !== 'eof') {
    detachedUnit(cur, right);
    const extra =
      t.kind === 'ident' && /^(and|or)$/i.test(t.text) ? ' — write each condition as its own expect entry' : '';
    cur.fail(`unexpected ${describe(t)} after the comparison${extra}`, t.start, 'unexpected-token');
  }
  const assertion: Assertion = { source: text, op: opTok.text as CompareOp, left, right };
  checkUnits(assertion, (e) => starts.get(e) ?? 0);
  return assertion;
}
