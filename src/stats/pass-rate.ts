/**
 * The verdict of a repeated cell (SPEC §3): its pass rate against `--min-pass-rate`.
 *
 * Inconclusive runs are neither passes nor failures, and runs a bail or Ctrl-C kept from starting
 * are unknown too. The pass rate is passed / judged (judged = passed + failed); the verdict asks
 * whether the unknown runs could change the answer:
 * - passed when the cell passes even if every unknown run had failed (passed / runs ≥ p);
 * - failed when it fails even if every unknown run had passed ((passed + unknown) / runs < p);
 * - inconclusive otherwise — the unknown runs decide, and storm does not guess.
 * Without unknown runs this is exactly "pass rate ≥ p". A cell none of whose runs could be judged is
 * inconclusive (or skipped when none ran). Flaky = some runs passed and some failed.
 */

/** A run's status, as in the reports. */
export type RunStatus = 'passed' | 'failed' | 'inconclusive' | 'skipped';

/** How many runs of a cell ended each way. */
export type RunTally = Record<RunStatus, number>;

/** The repeated cell's verdict and the numbers behind it. */
export interface RepeatVerdict {
  status: RunStatus;
  runs: number;
  /** passed / (passed + failed); null when no run was judged. */
  passRate: number | null;
  /** Some runs passed and some failed. */
  flaky: boolean;
  /** One line, e.g. `flaky: 2/3 runs passed (67%) < min-pass-rate 100%`. */
  reason: string;
}

/** Count statuses. */
export function tally(statuses: readonly RunStatus[]): RunTally {
  const t: RunTally = { passed: 0, failed: 0, inconclusive: 0, skipped: 0 };
  for (const s of statuses) t[s]++;
  return t;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** Judge a repeated cell; `minPassRate` in 0..1. */
export function repeatVerdict(t: RunTally, minPassRate: number): RepeatVerdict {
  const runs = t.passed + t.failed + t.inconclusive + t.skipped;
  const judged = t.passed + t.failed;
  const unknown = t.inconclusive + t.skipped;
  const passRate = judged ? t.passed / judged : null;
  const flaky = t.passed > 0 && t.failed > 0;
  const notJudged = [t.inconclusive ? `${t.inconclusive} inconclusive` : '', t.skipped ? `${t.skipped} not run` : '']
    .filter(Boolean)
    .join(', ');
  const counts = `${t.passed}/${judged} judged runs passed${judged ? ` (${pct(passRate!)})` : ''}${notJudged ? `, ${notJudged}` : ''}`;
  const base = { runs, passRate, flaky };
  if (runs === 0 || t.skipped === runs) return { ...base, status: 'skipped', reason: 'no run started' };
  if (judged === 0) return { ...base, status: 'inconclusive', reason: `no run could be judged (${notJudged})` };
  const prefix = flaky ? 'flaky: ' : '';
  const need = `min-pass-rate ${pct(minPassRate)}`;
  // ε: 7/10 and 0.7 are the same double, but products such as 0.7 × 10 need not be.
  const eps = 1e-9;
  if (t.passed >= minPassRate * runs - eps)
    return { ...base, status: 'passed', reason: `${prefix}${counts} ≥ ${need}` };
  if (t.passed + unknown < minPassRate * runs - eps)
    return { ...base, status: 'failed', reason: `${prefix}${counts} < ${need}` };
  return {
    ...base,
    status: 'inconclusive',
    reason: `${prefix}${counts}: whether it reaches ${need} depends on the runs not judged`,
  };
}

/**
 * Whether a repeated cell of `planned` runs can still pass after the runs in `t`: even if every run
 * still to come passed. `--bail` counts a repeated cell as failed once this turns false, so one
 * failed run of a flaky cell does not stop a run whose --min-pass-rate tolerates it.
 */
export function canStillPass(t: RunTally, planned: number, minPassRate: number): boolean {
  const lost = t.failed + t.inconclusive;
  return planned - lost >= minPassRate * planned - 1e-9;
}
