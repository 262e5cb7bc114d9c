/**
 * The JUnit reporter (SPEC §6): `<output>/junit.xml`, valid against the Jenkins JUnit schema, for CI
 * systems that render test results. Written on onRunEnd, which also fires after a bail or Ctrl-C,
 * so a partial run still leaves a valid file.
 */
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../src/report/atomic-write.js';
import type { RunResult } from '../src/model/results.js';
import type { ReadonlyView, Reporter, ReporterOptions } from '../src/report/types.js';
import { buildJunitXml } from './junit-xml.js';

/** Writes junit.xml. */
export class JunitReporter implements Reporter {
  private readonly file: string;
  private readonly cwd: string;

  constructor(opts: ReporterOptions) {
    this.file = join(resolve(opts.cwd, opts.outputDir), 'junit.xml');
    this.cwd = opts.cwd;
  }

  /** Write the whole file at the end of the run. */
  async onRunEnd(result: ReadonlyView<RunResult>): Promise<void> {
    await writeFileAtomic(this.file, buildJunitXml(result, { hostname: hostname(), cwd: this.cwd }));
  }
}
