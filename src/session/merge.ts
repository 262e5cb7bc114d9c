/**
 * `storm merge-reports`: the blobs of a sharded run become one RunResult, as if one run had made it.
 * Cells are re-judged from their histories with the judging inputs their run used (metrics are
 * recomputed, never averaged), put back in the whole plan's order, and the run's verdict and exit
 * code are computed as `storm test` computes them. Blobs that cannot form one run are refused.
 */
import type { BlobCell, BlobDocument } from '../model/blob.js';
import { StormError } from '../model/errors.js';
import type { BaselineSummary, CellResult, EndReason, RunInfo, RunResult, SuiteResult } from '../model/results.js';
import { STORM_VERSION } from '../version.js';
import type { LoadedBlob } from './blob-read.js';
import { exitCodeFor } from './exit-code.js';
import { judgeRun, type JudgeInputs } from './judge.js';
import { applyRegression } from './regression.js';

const shardOf = (d: BlobDocument) => d.info.shard ?? { index: 1, total: 1, plan: [] as string[] };
const shardName = (b: LoadedBlob) => {
  const s = shardOf(b.doc);
  return `${b.file} (shard ${s.index}/${s.total})`;
};

/**
 * Refuse blobs that are not the shards of one run: another storm version (metrics are defined by the
 * version that judges them), different plans, a shard given twice, a cell run by two shards, or a
 * shard missing. Every message names the files.
 */
export function checkMergeable(blobs: LoadedBlob[]): void {
  const versions = new Set(blobs.map((b) => b.doc.stormVersion));
  if (versions.size > 1 || !versions.has(STORM_VERSION)) {
    const list = blobs.map((b) => `${b.file}: storm ${b.doc.stormVersion}`).join(', ');
    throw new StormError(
      'merge-mismatch',
      `cannot merge blobs of other storm versions than this one (${STORM_VERSION}): ${list}`,
      {
        hint: 'merge with the storm version that ran the shards, or re-run every shard with the same version',
      },
    );
  }
  const total = shardOf(blobs[0].doc).total;
  const other = blobs.find((b) => shardOf(b.doc).total !== total);
  if (other)
    throw new StormError(
      'merge-mismatch',
      `blobs of different shardings: ${shardName(blobs[0])} and ${shardName(other)}`,
      { hint: 'merge the blobs of one sharded run (the same --shard i/n total)' },
    );
  const plan = JSON.stringify(shardOf(blobs[0].doc).plan);
  const otherPlan = blobs.find((b) => JSON.stringify(shardOf(b.doc).plan) !== plan);
  if (otherPlan) {
    throw new StormError(
      'merge-mismatch',
      `blobs of different plans: ${blobs[0].file} and ${otherPlan.file} were planned from other scenarios or options`,
      {
        hint: 'every shard must run the same paths with the same --protocol, --name, --seed and --repeat',
      },
    );
  }
  // The verdict rule of repeated cells must be the same everywhere, or the merged verdicts would mix them.
  const rule = (b: LoadedBlob) => `--repeat ${b.doc.info.repeat} --min-pass-rate ${b.doc.info.minPassRate}`;
  const otherRule = blobs.find((b) => rule(b) !== rule(blobs[0]));
  if (otherRule) {
    throw new StormError(
      'merge-mismatch',
      `blobs judged by different rules: ${blobs[0].file} (${rule(blobs[0])}) and ${otherRule.file} (${rule(otherRule)})`,
      {
        hint: 'run every shard with the same --repeat and --min-pass-rate',
      },
    );
  }
  const byIndex = new Map<number, LoadedBlob>();
  for (const b of blobs) {
    const seen = byIndex.get(shardOf(b.doc).index);
    if (seen)
      throw new StormError(
        'merge-mismatch',
        `overlapping shards: ${shardName(seen)} and ${shardName(b)} ran the same cells`,
        { hint: "pass each shard's blob once" },
      );
    byIndex.set(shardOf(b.doc).index, b);
  }
  const ranBy = new Map<string, string>();
  for (const b of blobs) {
    for (const c of ranCells(b.doc)) {
      const first = ranBy.get(c.id);
      if (first)
        throw new StormError('merge-mismatch', `overlapping shards: cell ${c.id} is in ${first} and in ${b.file}`, {
          hint: "pass each shard's blob once",
        });
      ranBy.set(c.id, b.file);
    }
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    throw new StormError(
      'merge-mismatch',
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${total}`).join(', ')} missing: the blobs given are ${blobs.map(shardName).join(', ')}`,
      {
        hint: "download every shard's blob before merging (a failed shard still writes its blob)",
      },
    );
  }
}

/** Cells a shard planned (ran, or skipped by a bail/interrupt) — not the plan's own skips, which every shard repeats. */
function ranCells(doc: BlobDocument): BlobCell[] {
  const plan = new Set(shardOf(doc).plan);
  const all = doc.suites.flatMap((s) => s.cells);
  return plan.size > 0 ? all.filter((c) => plan.has(c.id)) : all.filter((c) => c.judging);
}

/**
 * A stored cell judged again: with its own run's inputs (merge: a `--baseline` comparison the shard
 * made is applied again, its numbers are the same), or with `inputs` (analyze: the edited scenario's).
 */
export function rejudge(cell: BlobCell, inputs?: JudgeInputs): CellResult {
  const { judging, regression, ...rest } = cell;
  if (!judging) return { ...rest, metrics: null, harness: null, assertions: [] };
  const run = {
    ...judging.run,
    history: cell.history,
    faults: cell.faults,
    agents: cell.agents,
    durationMs: cell.durationMs,
    warnings: cell.warnings,
  };
  const judged = judgeRun(rest, run, inputs ?? (judging.inputs as JudgeInputs));
  return regression && !inputs ? applyRegression(judged, regression) : judged;
}

/** The shards' baseline summaries as one: every shard compared against the same stored run. */
function mergeBaselines(docs: BlobDocument[]): BaselineSummary | undefined {
  const all = docs.map((d) => d.baseline).filter((b): b is BaselineSummary => b !== undefined);
  if (all.length === 0) return undefined;
  const union = (pick: (b: BaselineSummary) => string[]) => [...new Set(all.flatMap(pick))];
  return {
    source: all[0].source,
    newCells: union((b) => b.newCells),
    missingCells: union((b) => b.missingCells),
    regressions: all.reduce((n, b) => n + b.regressions, 0),
  };
}

const REASON_RANK: EndReason[] = ['completed', 'bail', 'interrupted'];

/** Merge checked blobs into one run; `argv` and `outputDir` are the merge's own. */
export function mergeBlobs(blobs: LoadedBlob[], run: { argv: string[]; outputDir: string }): RunResult {
  checkMergeable(blobs);
  const docs = blobs.map((b) => b.doc);
  const plan = shardOf(docs[0]).plan;
  const order = new Map(plan.map((id, i) => [id, i]));
  const suites: SuiteResult[] = docs[0].suites.map(({ cells: _c, ...s }) => ({ ...s, cells: [] }));
  for (const doc of docs) {
    for (const stored of doc.suites) {
      let suite = suites.find((s) => s.file === stored.file);
      if (!suite) {
        suite = { ...stored, cells: [] };
        suites.push(suite);
      }
      for (const cell of stored.cells) if (!suite.cells.some((c) => c.id === cell.id)) suite.cells.push(rejudge(cell));
    }
  }
  // One run lists a suite's cells in plan order, the plan's own skips (pinned protocols) last.
  for (const s of suites) s.cells.sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9));
  const { shard: _s, ...first } = docs[0].info;
  const info: RunInfo = {
    ...first,
    startedAt: docs.map((d) => d.info.startedAt).sort()[0],
    argv: run.argv,
    outputDir: run.outputDir,
    workers: Math.max(...docs.map((d) => d.info.workers)),
    workersAuto: docs.some((d) => d.info.workersAuto),
  };
  const reason = REASON_RANK[Math.max(...docs.map((d) => REASON_RANK.indexOf(d.reason)))];
  const baseline = mergeBaselines(docs);
  const peaks = docs.map((d) => d.peakWorkers).filter((p): p is number => p !== null);
  return {
    info,
    suites,
    reason,
    finishedAt: docs
      .map((d) => d.finishedAt)
      .sort()
      .at(-1)!,
    // The shards ran side by side: the merged run took as long as its slowest shard.
    durationMs: Math.max(...docs.map((d) => d.durationMs)),
    exitCode: exitCodeFor(suites, reason, info.minPassRate),
    ...(peaks.length ? { peakWorkers: Math.max(...peaks) } : {}),
    ...(baseline ? { baseline } : {}),
  };
}
