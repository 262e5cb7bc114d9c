/** `storm analyze <dir|history.jsonl> [--scenario f]`: re-judge a stored run with the current definitions. */
import { resolve } from 'node:path';
import { analyzeStoredRun } from '../../session/analyze.js';
import { reportStoredRun } from './report-stored.js';
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
  return reportStoredRun(o, (cwd) =>
    analyzeStoredRun({ path, scenario: o.scenario, cwd, argv: process.argv.slice(2), outputDir: o.outputDir }),
  );
}
