/** `storm analyze <dir|history.jsonl> [--scenario f]`: re-judge a stored run with the current definitions. */
import { DEFAULT_REPORTERS } from '../../report/registry.js';
import { resolve } from 'node:path';
import { StormError } from '../../model/errors.js';
import { analyzeStoredRun } from '../../session/analyze.js';
import { replayRun } from '../../session/replay.js';
import { prepareWritableDir } from '../output-dir.js';
import { printError } from '../print-error.js';
import { usageError } from './usage.js';

export interface AnalyzeCommandOptions {
  scenario?: string;
  reporter?: string[];
  outputDir: string;
}

/** Analyze and report; resolves with the exit code a run with these verdicts has (SPEC §5). */
export async function runAnalyzeCommand(path: string, o: AnalyzeCommandOptions): Promise<number> {
  // Writing the new reports over the stored run would replace the evidence with its re-judgement.
  if (resolve(o.outputDir) === resolve(path))
    return usageError(
      `-o ${o.outputDir} is the stored run being analyzed; write the new reports elsewhere (default storm-analysis/)`,
    );
  const problem = prepareWritableDir(o.outputDir);
  if (problem) return usageError(`-o ${o.outputDir}: ${problem}; reports need a directory you can write to`);
  try {
    const cwd = process.cwd();
    const result = await analyzeStoredRun({
      path,
      scenario: o.scenario,
      cwd,
      argv: process.argv.slice(2),
      outputDir: o.outputDir,
    });
    await replayRun(result, {
      reporters: o.reporter?.length ? o.reporter : [...DEFAULT_REPORTERS],
      outputDir: o.outputDir,
      cwd,
    });
    return result.exitCode;
  } catch (err) {
    if (err instanceof StormError) return printError(err);
    throw err;
  }
}
