/**
 * The run's exit code (SPEC §5). When several apply, the most urgent wins:
 * interrupted (130) > invalid input (2) > an assertion failed (1) > inconclusive (3) > passed (0).
 * A failed assertion outranks inconclusive because it is a definite answer CI must act on.
 */
import { EXIT } from '../cli/exit-codes.js';
import type { EndReason, SuiteResult } from '../report/types.js';

/** Exit code for a finished run. */
export function exitCodeFor(suites: SuiteResult[], reason: EndReason): number {
  if (reason === 'interrupted') return EXIT.interrupted;
  if (suites.some((s) => s.loadErrors.length > 0)) return EXIT.usage;
  const cells = suites.flatMap((s) => s.cells);
  if (cells.some((c) => c.status === 'failed')) return EXIT.failed;
  if (cells.some((c) => c.status === 'inconclusive')) return EXIT.inconclusive;
  return EXIT.ok;
}
