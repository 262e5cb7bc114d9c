/**
 * Tokenizer of the assertion language (grammar in parse.ts). Numbers carry their unit already
 * converted to the base unit (ms, bytes, 0..1), so the parser never sees units.
 */
import { AssertParseError } from './errors.js';
import { closestRanked, didYouMeanAny } from '../util/did-you-mean.js';
import { own } from '../util/own.js';

export type TokenKind = 'number' | 'ident' | 'cmp' | 'punct' | 'eof';

/** One token with its [start, end) offsets in the source text. */
export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  /** Numbers only: the value in base units. */
  value?: number;
}

/** Unit → factor to the base unit. Time → ms, sizes → bytes (k/M/G are 1000-based, Ki/Mi/Gi 1024-based). */
const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};
const BYTE_UNITS = new Set(['b', 'kb', 'mb', 'gb', 'kib', 'mib', 'gib']);

const NUMBER = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/;
const UNIT = /^([A-Za-z]+|%)/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const PUNCT = '(){},=:+-*/';

/** Factor of `unit`, or undefined. Byte units are case-insensitive (1MB); time units are not (1M is ambiguous). */
function unitFactor(unit: string): number | undefined {
  if (unit === '%') return 0.01;
  const exact = own(UNITS, unit);
  if (exact !== undefined) return exact;
  const lower = unit.toLowerCase();
  return BYTE_UNITS.has(lower) ? UNITS[lower] : undefined;
}

/**
 * The unit a word after a number most likely means: itself when it is one, else the closest
 * (`sec` → `s`, `secs`/`seconds` → `s`), or undefined. For hints when a unit stands apart.
 */
export function unitNear(word: string): string | undefined {
  if (unitFactor(word) !== undefined) return word;
  const spelled: Record<string, string> = {
    sec: 's',
    secs: 's',
    second: 's',
    seconds: 's',
    msec: 'ms',
    msecs: 'ms',
    millis: 'ms',
    minute: 'm',
    minutes: 'm',
    min: 'm',
    mins: 'm',
    hour: 'h',
    hours: 'h',
  };
  return own(spelled, word.toLowerCase()) ?? closestRanked(word, [...Object.keys(UNITS), '%'])[0];
}

function numberToken(text: string, start: number): Token {
  const num = NUMBER.exec(text.slice(start))!;
  let end = start + num[0].length;
  let value = Number(num[0]);
  const unit = UNIT.exec(text.slice(end));
  if (unit) {
    const factor = unitFactor(unit[0]);
    if (factor === undefined) {
      const near = closestRanked(unit[0], [...Object.keys(UNITS), '%']);
      throw new AssertParseError(
        `unknown unit "${unit[0]}" after ${num[0]}${didYouMeanAny(near)} (units: ms s m h, %, b kb mb gb kib mib gib)`,
        end,
        near.length > 0 ? text.slice(0, end) + near[0] + text.slice(end + unit[0].length) : undefined,
        'unknown-unit',
      );
    }
    // Dividing for % keeps 30% exactly 0.3; toPrecision drops float noise such as 1.1 * 1000 = 1100.0000000000002.
    value = unit[0] === '%' ? value / 100 : Number((value * factor).toPrecision(15));
    end += unit[0].length;
  }
  // 1e999 reads as Infinity, and Infinity >= Infinity is true: a threshold that can never fail.
  if (!Number.isFinite(value)) {
    throw new AssertParseError(
      `${text.slice(start, end)} is too large to compare (the largest number is about 1.8e308)`,
      start,
      undefined,
      'bad-number',
    );
  }
  return { kind: 'number', text: text.slice(start, end), start, end, value };
}

/** Split `text` into tokens, ending with an `eof` token; throws AssertParseError at the offending offset. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '==' || two === '!=') {
      tokens.push({ kind: 'cmp', text: two, start: i, end: i + 2 });
      i += 2;
    } else if (two === '=>' || two === '=<') {
      const fixed = two === '=>' ? '>=' : '<=';
      throw new AssertParseError(
        `"${two}" is not an operator — write "${fixed}"`,
        i,
        text.slice(0, i) + fixed + text.slice(i + 2),
        'unknown-operator',
      );
    } else if (c === '<' || c === '>') {
      tokens.push({ kind: 'cmp', text: c, start: i, end: i + 1 });
      i++;
    } else if (/[0-9.]/.test(c) && NUMBER.test(text.slice(i))) {
      const tok = numberToken(text, i);
      tokens.push(tok);
      i = tok.end;
    } else if (IDENT.test(text.slice(i))) {
      const id = IDENT.exec(text.slice(i))![0];
      tokens.push({ kind: 'ident', text: id, start: i, end: i + id.length });
      i += id.length;
    } else if (PUNCT.includes(c)) {
      tokens.push({ kind: 'punct', text: c, start: i, end: i + 1 });
      i++;
    } else {
      const hint = two === '&&' || two === '||' ? ' — write each condition as its own expect entry' : '';
      throw new AssertParseError(`unexpected character "${c}"${hint}`, i, undefined, 'unexpected-character');
    }
  }
  tokens.push({ kind: 'eof', text: '', start: text.length, end: text.length });
  return tokens;
}
