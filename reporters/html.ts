/**
 * The HTML reporter (SPEC §6): one self-contained `report.html` (inline CSS and SVG, no scripts, no
 * external assets) with a protocol comparison per scenario and a timeline chart per cell. Written on
 * onRunEnd, also after a bail or Ctrl-C.
 */
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../src/report/atomic-write.js';
import type { RunResult } from '../src/model/results.js';
import type { ReadonlyView, Reporter, ReporterOptions } from '../src/report/types.js';
import { buildHtmlPage } from './html-page.js';

/** Writes report.html. */
export class HtmlReporter implements Reporter {
  private readonly file: string;
  private readonly cwd: string;

  constructor(opts: ReporterOptions) {
    this.file = join(resolve(opts.cwd, opts.outputDir), 'report.html');
    this.cwd = opts.cwd;
  }

  /** Write the page at the end of the run. */
  async onRunEnd(result: ReadonlyView<RunResult>): Promise<void> {
    await writeFileAtomic(this.file, buildHtmlPage(result, this.cwd));
  }
}
