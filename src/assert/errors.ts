/**
 * The one error type of the assertion parser. The scenario loader turns `offset` into file:line:col.
 */

/** Stable codes, so tests and tooling need not match on message wording. */
export type AssertErrorCode =
  | 'empty'
  | 'unexpected-character'
  | 'unknown-unit'
  | 'unknown-operator'
  | 'unexpected-token'
  | 'missing-operator'
  | 'two-operators'
  | 'unbalanced'
  | 'unknown-metric'
  | 'unknown-function'
  | 'bad-argument'
  | 'unknown-selector'
  | 'unknown-phase'
  | 'bad-fault-index'
  | 'selector-not-allowed'
  | 'selector-colon'
  | 'duplicate-selector'
  | 'needs-aggregation'
  | 'needs-phase'
  | 'too-long'
  | 'too-deep'
  | 'bad-number'
  | 'unit-mismatch';

/** A malformed assertion: where (0-based offset in the expression text), what, and how to fix it. */
export class AssertParseError extends Error {
  override name = 'AssertParseError';
  /** 0-based character offset in the assertion text where the problem is. */
  readonly offset: number;
  /** The corrected expression (or a fragment of it) when the fix is mechanical. */
  readonly hint?: string;
  /** Stable machine-readable code. */
  readonly code: AssertErrorCode;

  constructor(message: string, offset: number, hint: string | undefined, code: AssertErrorCode) {
    super(message);
    this.offset = offset;
    this.code = code;
    if (hint !== undefined) this.hint = hint;
  }
}
