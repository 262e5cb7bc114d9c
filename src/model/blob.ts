/**
 * The blob (`-r blob`, SPEC §6): everything merge-reports and analyze need from one shard's run —
 * the run's info and every cell with its history and judging inputs — in one versioned JSON file.
 * Metrics, harness blocks and assertion results are not stored: they are recomputed from the
 * histories, so a merged report is judged exactly as one run would have been.
 */
import type { BaselineSummary, CellResult, EndReason, RunInfo, SuiteResult } from './results.js';

/** The `format` tag of a blob file. */
export const BLOB_FORMAT = 'storm-blob';
/** Bumped on any incompatible change of BlobDocument; a reader refuses other versions. */
export const BLOB_VERSION = 1;
/** Blob files end with this, so merge-reports finds them in a directory of downloaded artifacts. */
export const BLOB_SUFFIX = '.blob.json';

/** A cell as stored: its result without what is recomputed from the history. */
export type BlobCell = Omit<CellResult, 'metrics' | 'harness' | 'assertions'>;

/** One shard's run. */
export interface BlobDocument {
  format: typeof BLOB_FORMAT;
  version: typeof BLOB_VERSION;
  stormVersion: string;
  info: RunInfo;
  reason: EndReason;
  finishedAt: string;
  durationMs: number;
  peakWorkers: number | null;
  /** `--baseline`: the comparison's source and the cells only one side had (each cell keeps its own checks). */
  baseline?: BaselineSummary;
  /** Every scenario file of the run, in load order, with this shard's cells. */
  suites: (Omit<SuiteResult, 'cells'> & { cells: BlobCell[] })[];
}
