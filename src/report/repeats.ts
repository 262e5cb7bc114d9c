/**
 * `--repeat n`: the same cell run n times. Per scenario × protocol, the pass rate over its runs and
 * whether it is flaky (it both passed and did not pass).
 */
import type { RunResult } from './types.js';

export interface RepeatStat {
  file: string;
  scenario: string;
  protocol: string;
  runs: number;
  passed: number;
  passRate: number;
  flaky: boolean;
}

/** One entry per scenario × protocol that ran more than once; empty without --repeat. */
export function repeatStats(result: RunResult): RepeatStat[] {
  const groups = new Map<string, RepeatStat>();
  for (const suite of result.suites) {
    for (const cell of suite.cells) {
      if (cell.status === 'skipped') continue;
      const key = `${cell.file}#${cell.protocol}`;
      const g = groups.get(key) ?? { file: cell.file, scenario: cell.scenario, protocol: cell.protocol, runs: 0, passed: 0, passRate: 0, flaky: false };
      g.runs++;
      if (cell.status === 'passed') g.passed++;
      groups.set(key, g);
    }
  }
  return [...groups.values()]
    .filter((g) => g.runs > 1)
    .map((g) => ({ ...g, passRate: g.passed / g.runs, flaky: g.passed > 0 && g.passed < g.runs }));
}
