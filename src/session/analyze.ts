/**
 * `storm analyze`: re-judge a stored run without rerunning a fault — metrics recomputed from the stored
 * histories with the current definitions, the scenario's (possibly edited) `expect`, `metrics:`,
 * `harness:` and `baseline:` applied, and the normal reports and exit code. The way to tune thresholds.
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { StormError } from '../model/errors.js';
import type { RunInfo, RunResult, SuiteResult } from '../model/results.js';
import { peersByTopology } from '../run/topology.js';
import { loadScenarioFile } from '../scenario/index.js';
import { STORM_VERSION } from '../version.js';
import { exitCodeFor } from './exit-code.js';
import { judgeInputsFor } from './judge.js';
import { rejudge } from './merge.js';
import { readStoredRun, type StoredSuite } from './stored-run.js';

export interface AnalyzeOptions {
  /** A stored run: output directory, results.json, blob, or one history.jsonl. */
  path: string;
  /** Judge with this scenario file instead of the stored run's own. */
  scenario?: string;
  cwd: string;
  argv: string[];
  outputDir: string;
}

/**
 * The stored suites to judge, each with the scenario file to judge it by: with `--scenario`, the suite
 * stored under that path or with that scenario name (or the only one); otherwise each suite's own file, relative to the cwd.
 */
function pairScenarios(
  suites: StoredSuite[],
  o: AnalyzeOptions,
  scenarioName?: string,
): { suite: StoredSuite; file: string }[] {
  const judged = suites.filter((s) => s.cells.some((c) => c.judging));
  if (!o.scenario) {
    return judged.map((suite) => {
      const file = resolve(o.cwd, suite.file);
      if (!existsSync(file)) {
        throw new StormError(
          'bad-stored-run',
          `scenario ${suite.file} of the stored run not found (looked for ${file})`,
          {
            hint: 'run storm analyze from the directory storm test ran in, or pass --scenario <file>',
          },
        );
      }
      return { suite, file };
    });
  }
  const wanted = resolve(o.cwd, o.scenario);
  // The stored suite of that path, else of that scenario name (an edited copy keeps the name).
  const samePath = judged.filter((s) => resolve(o.cwd, s.file) === wanted);
  const same =
    samePath.length > 0 ? samePath : judged.filter((s) => scenarioName !== undefined && s.scenario === scenarioName);
  if (same.length > 0) return same.map((suite) => ({ suite, file: wanted }));
  if (judged.length === 1) return [{ suite: judged[0], file: wanted }];
  throw new StormError(
    'usage',
    `--scenario ${o.scenario} matches none of the ${judged.length} scenarios of the stored run (${judged.map((s) => s.file).join(', ')})`,
    {
      hint: "pass the path the run used for the scenario (as results.json lists it), or analyze a single cell's history.jsonl",
    },
  );
}

/** Re-judge the stored run; resolves with a RunResult for the reporters. */
export async function analyzeStoredRun(o: AnalyzeOptions): Promise<RunResult> {
  const started = Date.now();
  const stored = readStoredRun(resolve(o.cwd, o.path));
  const suites: SuiteResult[] = [];
  const named = o.scenario ? (await loadScenarioFile(resolve(o.cwd, o.scenario))).scenario?.name : undefined;
  for (const { suite, file } of pairScenarios(stored.suites, o, named)) {
    const shown = relative(o.cwd, file);
    const loaded = await loadScenarioFile(file);
    const scenario = loaded.scenario;
    if (!scenario) {
      suites.push({ file: shown, scenario: null, line: 1, loadErrors: loaded.issues, cells: [] });
      continue;
    }
    const monitors = peersByTopology(scenario.agents, scenario.topology);
    const cells = suite.cells.map((c) => {
      const here = { ...c, file: shown, scenario: scenario.name };
      return c.judging ? rejudge(here, judgeInputsFor(scenario, monitors, c.history)) : rejudge(here);
    });
    suites.push({ file: shown, scenario: scenario.name, line: scenario.loc.line, loadErrors: [], cells });
  }
  const base = stored.info;
  const info: RunInfo = {
    startedAt: new Date(started).toISOString(),
    seed: base?.seed ?? null,
    stormVersion: STORM_VERSION,
    nodeVersion: process.version,
    platform: `${process.platform}-${process.arch}`,
    argv: o.argv,
    outputDir: resolve(o.cwd, o.outputDir),
    workers: base?.workers ?? 1,
    workersAuto: base?.workersAuto ?? false,
    repeat: base?.repeat ?? 1,
    minPassRate: base?.minPassRate ?? 1,
  };
  return {
    info,
    suites,
    reason: 'completed',
    finishedAt: new Date().toISOString(),
    durationMs: Date.now() - started,
    exitCode: exitCodeFor(suites, 'completed', info.minPassRate),
  };
}
