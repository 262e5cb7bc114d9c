/**
 * What `merge-reports` and `analyze` share: both turn stored runs into a RunResult and hand it to the
 * reporters as a live run would (session/replay.ts), into an output directory checked first.
 */
import type { RunResult } from '../../model/results.js';
import { StormError } from '../../model/errors.js';
import { DEFAULT_REPORTERS } from '../../report/registry.js';
import { replayRun } from '../../session/replay.js';
import { prepareWritableDir } from '../output-dir.js';
import { printError } from '../print-error.js';
import { usageError } from './usage.js';

export interface StoredReportOptions {
  reporter?: string[];
  outputDir: string;
}

/** Build the result (`make` gets the working directory) and report it; resolves with its exit code. */
export async function reportStoredRun(
  o: StoredReportOptions,
  make: (cwd: string) => RunResult | Promise<RunResult>,
): Promise<number> {
  const problem = prepareWritableDir(o.outputDir);
  if (problem) return usageError(`-o ${o.outputDir}: ${problem}; reports need a directory you can write to`);
  try {
    const cwd = process.cwd();
    const result = await make(cwd);
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
