/** `storm merge-reports <dirs…>`: the blobs of a sharded run → one set of reports, as one run. */
import { DEFAULT_REPORTERS } from '../../report/registry.js';
import { resolve } from 'node:path';
import { StormError } from '../../model/errors.js';
import { readBlobs } from '../../session/blob-read.js';
import { mergeBlobs } from '../../session/merge.js';
import { replayRun } from '../../session/replay.js';
import { prepareWritableDir } from '../output-dir.js';
import { printError } from '../print-error.js';
import { usageError } from './usage.js';

export interface MergeReportsOptions {
  reporter?: string[];
  outputDir: string;
}

/** Merge and report; resolves with the merged run's exit code (SPEC §5), 2 for blobs that do not merge. */
export async function runMergeReportsCommand(dirs: string[], o: MergeReportsOptions): Promise<number> {
  const problem = prepareWritableDir(o.outputDir);
  if (problem) return usageError(`-o ${o.outputDir}: ${problem}; reports need a directory you can write to`);
  try {
    const cwd = process.cwd();
    const result = mergeBlobs(readBlobs(dirs), { argv: process.argv.slice(2), outputDir: resolve(cwd, o.outputDir) });
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
