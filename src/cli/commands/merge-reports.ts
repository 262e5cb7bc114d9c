/** `storm merge-reports <dirs…>`: the blobs of a sharded run → one set of reports, as one run. */
import { resolve } from 'node:path';
import { readBlobs } from '../../session/blob-read.js';
import { mergeBlobs } from '../../session/merge.js';
import { reportStoredRun } from './report-stored.js';

export interface MergeReportsOptions {
  reporter?: string[];
  outputDir: string;
}

/** Merge and report; resolves with the merged run's exit code (SPEC §5), 2 for blobs that do not merge. */
export async function runMergeReportsCommand(dirs: string[], o: MergeReportsOptions): Promise<number> {
  return reportStoredRun(o, (cwd) =>
    mergeBlobs(readBlobs(dirs), { argv: process.argv.slice(2), outputDir: resolve(cwd, o.outputDir) }),
  );
}
