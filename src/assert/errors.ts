/**
 * The one error type of the assertion parser. The scenario loader turns `offset` into file:line:col.
 */
import { StormError, type AssertErrorCode } from '../model/errors.js';

export type { AssertErrorCode };

/** A malformed assertion: where (0-based offset in the expression text), what, and how to fix it. */
export class AssertParseError extends StormError<AssertErrorCode> {
  override name = 'AssertParseError';
  /** 0-based character offset in the assertion text where the problem is. */
  readonly offset: number;

  /** `hint`: the corrected expression (or a fragment of it) when the fix is mechanical. */
  constructor(message: string, offset: number, hint: string | undefined, code: AssertErrorCode) {
    super(code, message, hint === undefined ? {} : { hint });
    this.offset = offset;
  }
}
