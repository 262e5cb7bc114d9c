/**
 * The run's exit code (SPEC §5). When several apply, the most urgent wins:
 * interrupted (130) > invalid input (2) > an assertion failed (1) > inconclusive (3) > passed (0).
 * A failed assertion outranks inconclusive because it is a definite answer CI must act on.
 */
import { EXIT } from '../model/exit-codes.js';
import { repeatedCellsOfSuite } from '../report/repeats.js';
import type { EndReason, SuiteResult } from '../model/results.js';

/**
 * Exit code for a finished run. Cells are judged as repeated cells: with --repeat a flaky cell
 * fails only when its pass rate is below `minPassRate`, and is inconclusive when its inconclusive
 * runs could tip it either way (src/stats/pass-rate.ts).
 */
export function exitCodeFor(suites: SuiteResult[], reason: EndReason, minPassRate = 1): number {
  if (reason === 'interrupted') return EXIT.interrupted;
  if (suites.some((s) => s.loadErrors.length > 0)) return EXIT.usage;
  const verdicts = suites.flatMap((s) => repeatedCellsOfSuite(s, minPassRate)).map((r) => r.verdict.status);
  if (verdicts.includes('failed')) return EXIT.failed;
  if (verdicts.includes('inconclusive')) return EXIT.inconclusive;
  return EXIT.ok;
}
