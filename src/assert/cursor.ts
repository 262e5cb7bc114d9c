/**
 * A position in the token stream, shared by the expression parser and the selector parser.
 */
import { AssertParseError, type AssertErrorCode } from './errors.js';
import { tokenize, type Token } from './tokenize.js';

/**
 * Deepest nesting of parentheses and unary minus signs. The parser recurses once per level, so an
 * unbounded depth would exhaust the stack; real assertions use two or three levels.
 */
export const MAX_NESTING = 32;

/** Token cursor over one assertion text. */
export class Cursor {
  readonly src: string;
  private readonly tokens: Token[];
  private pos = 0;
  private depth = 0;

  constructor(src: string) {
    this.src = src;
    this.tokens = tokenize(src);
  }

  /** The token `ahead` positions from the current one (the last one is always `eof`). */
  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }

  /** Consume and return the current token. */
  next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  /** True when the current token is punctuation `p`. */
  isPunct(p: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.text === p;
  }

  /** End offset of the last consumed token (for slicing a node's original text). */
  get prevEnd(): number {
    return this.pos === 0 ? 0 : this.tokens[this.pos - 1].end;
  }

  /** Enter one level of nesting (a "(" or a unary "-" at `offset`); throws past MAX_NESTING. */
  enter(offset: number): void {
    if (++this.depth > MAX_NESTING) {
      this.fail(
        `nested more than ${MAX_NESTING} levels deep (parentheses and minus signs); write a flatter expression`,
        offset,
        'too-deep',
      );
    }
  }

  /** Leave the level entered last. */
  leave(): void {
    this.depth--;
  }

  /** Throw an AssertParseError at `offset`. */
  fail(message: string, offset: number, code: AssertErrorCode, hint?: string): never {
    throw new AssertParseError(message, offset, hint, code);
  }

  /** `src` with [start, end) replaced by `by`: the corrected text for hints. */
  replaced(start: number, end: number, by: string): string {
    return this.src.slice(0, start) + by + this.src.slice(end);
  }
}

/** How a token reads in an error message. */
export function describe(t: Token): string {
  return t.kind === 'eof' ? 'the end of the expression' : `"${t.text}"`;
}
