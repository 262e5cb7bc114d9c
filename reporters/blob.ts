/**
 * The blob reporter (SPEC §6): writes `<output>/blob/storm[-<i>-of-<n>].blob.json`, everything
 * `storm merge-reports` and `storm analyze` need from this run (src/model/blob.ts). One file per
 * shard, so the blobs of a CI matrix can be downloaded into one directory side by side.
 */
import { join, resolve } from 'node:path';
import { BLOB_FORMAT, BLOB_SUFFIX, BLOB_VERSION, type BlobCell, type BlobDocument } from '../src/model/blob.js';
import type { CellResult, RunResult } from '../src/model/results.js';
import { writeFileAtomic } from '../src/report/atomic-write.js';
import type { ReadonlyView, Reporter, ReporterOptions } from '../src/report/types.js';

/** Writes one blob file at the end of the run (also after a bail or Ctrl-C, with the cells so far). */
export class BlobReporter implements Reporter {
  private readonly outDir: string;

  constructor(opts: ReporterOptions) {
    this.outDir = resolve(opts.cwd, opts.outputDir);
  }

  async onRunEnd(result: ReadonlyView<RunResult>): Promise<void> {
    const { info } = result;
    const doc: ReadonlyView<BlobDocument> = {
      format: BLOB_FORMAT,
      version: BLOB_VERSION,
      stormVersion: info.stormVersion,
      info,
      reason: result.reason,
      finishedAt: result.finishedAt,
      durationMs: result.durationMs,
      peakWorkers: result.peakWorkers ?? null,
      ...(result.baseline ? { baseline: result.baseline } : {}),
      suites: result.suites.map((s) => ({ ...s, cells: s.cells.map(storedCell) })),
    };
    const name = info.shard ? `storm-${info.shard.index}-of-${info.shard.total}` : 'storm';
    await writeFileAtomic(join(this.outDir, 'blob', `${name}${BLOB_SUFFIX}`), `${JSON.stringify(doc)}\n`);
  }
}

/** A cell without what merge-reports recomputes from its history. */
function storedCell({
  metrics: _m,
  harness: _h,
  assertions: _a,
  ...rest
}: ReadonlyView<CellResult>): ReadonlyView<BlobCell> {
  return rest;
}
