/**
 * The JSON reporter (SPEC §6): `results.json` for the whole run, and per cell
 * `cells/<scenario-slug>/<protocol>[-r<n>]/` with `failstorm_metrics.json` (the original benchmark's
 * shape) and `history.jsonl` (one observed event per line). Cell files are written as each cell
 * ends, so a run killed half-way still leaves them; results.json is written on onRunEnd, which also
 * fires after a bail or Ctrl-C.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toFailstormMetrics } from '../src/metrics/failstorm.js';
import { writeFileAtomic } from '../src/report/atomic-write.js';
import { cellDir, reportJson, slugify } from '../src/report/format.js';
import type { CellResult, RunResult } from '../src/model/results.js';
import type { ReadonlyView, Reporter, ReporterOptions } from '../src/report/types.js';
import { buildResultsDocument, type CellFiles } from './json-document.js';

/** Writes results.json and the per-cell files. */
export class JsonReporter implements Reporter {
  private readonly outDir: string;
  private readonly cwd: string;
  /** cell id → its files; null when the cell recorded nothing to write (e.g. skipped). */
  private readonly files = new Map<string, CellFiles | null>();
  /** scenario file → slug, so two files with the same scenario name never share a directory. */
  private readonly slugs = new Map<string, string>();

  constructor(opts: ReporterOptions) {
    this.outDir = resolve(opts.cwd, opts.outputDir);
    this.cwd = opts.cwd;
  }

  /** Write the cell's own files as soon as it ends. */
  async onCellEnd(cell: ReadonlyView<CellResult>): Promise<void> {
    await this.writeCell(cell);
  }

  /** Write any cell files still missing, then results.json. */
  async onRunEnd(result: ReadonlyView<RunResult>): Promise<void> {
    for (const suite of result.suites)
      for (const cell of suite.cells) if (!this.files.has(cell.id)) await this.writeCell(cell);
    const doc = buildResultsDocument(result, schemaRef(this.outDir), this.files, this.cwd);
    await writeFileAtomic(join(this.outDir, 'results.json'), reportJson(doc));
  }

  private async writeCell(cell: ReadonlyView<CellResult>): Promise<void> {
    const dir = cellDir(this.slugFor(cell), cell);
    const entry: CellFiles = { dir, history: null, failstorm_metrics: null };
    if (cell.history.length > 0) {
      entry.history = `${dir}/history.jsonl`;
      const lines = cell.history.map((e) => JSON.stringify(e)).join('\n');
      await writeFileAtomic(join(this.outDir, entry.history), `${lines}\n`);
    }
    if (cell.metrics) {
      entry.failstorm_metrics = `${dir}/failstorm_metrics.json`;
      const fs = toFailstormMetrics(cell.metrics, { protocol: cell.protocol, scenario: cell.scenario });
      await writeFileAtomic(join(this.outDir, entry.failstorm_metrics), reportJson(fs));
    }
    this.files.set(cell.id, entry.history || entry.failstorm_metrics ? entry : null);
  }

  private slugFor(cell: ReadonlyView<CellResult>): string {
    const known = this.slugs.get(cell.file);
    if (known) return known;
    const base = slugify(cell.scenario);
    const taken = new Set(this.slugs.values());
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    this.slugs.set(cell.file, slug);
    return slug;
  }
}

/** `$schema`: the package's schema file, relative to the output directory so editors find it offline. */
function schemaRef(outDir: string): string {
  // reporters/json.ts runs from source (tests) or from dist/reporters/json.js (installed CLI).
  for (const up of ['../schemas/results.schema.json', '../../schemas/results.schema.json']) {
    const file = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(file)) return relative(outDir, file).split(sep).join('/');
  }
  return 'schemas/results.schema.json';
}
