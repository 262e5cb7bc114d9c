/**
 * A stored run, whatever form it was kept in, as suites of stored cells (BlobCell: a cell's identity,
 * outcome and history) — for `storm analyze` and `--baseline`:
 * - blobs (`-r blob`): a `*.blob.json` file, or a directory holding them (or a `blob/` folder);
 * - a JSON report: `results.json`, or its directory, with each cell's `history.jsonl` beside it;
 * - one `history.jsonl` (its cell is found in the results.json three levels up when there is one).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { BlobCell } from '../model/blob.js';
import { StormError } from '../model/errors.js';
import type { HistoryEvent } from '../model/history.js';
import { PROTOCOL_NAMES, type ProtocolName } from '../model/protocol.js';
import type { CellStatus, RunInfo, SuiteResult } from '../model/results.js';
import { findBlobFiles, readBlob } from './blob-read.js';

/** A scenario file's stored cells. */
export type StoredSuite = Omit<SuiteResult, 'cells'> & { cells: BlobCell[] };

/** What a stored run holds. */
export interface StoredRun {
  /** The path it was read from, for messages. */
  source: string;
  info: RunInfo | null;
  suites: StoredSuite[];
}

const bad = (message: string, hint: string) => new StormError('bad-stored-run', message, { hint });

/** Read a stored run from a blob, a results.json (or its directory), or one history.jsonl. */
export function readStoredRun(path: string): StoredRun {
  if (!existsSync(path))
    throw bad(
      `${path}: no such file or directory`,
      'pass an output directory of storm test, its results.json, a blob, or a history.jsonl',
    );
  if (statSync(path).isDirectory()) {
    const blobs = findBlobFiles(path);
    if (blobs.length > 0) return fromBlobs(path, blobs);
    if (existsSync(join(path, 'results.json'))) return fromResults(join(path, 'results.json'));
    throw bad(
      `${path}: neither a results.json nor blob files (*.blob.json) in it`,
      'pass the output directory of a storm test run made with the json or blob reporter',
    );
  }
  if (path.endsWith('.blob.json')) return fromBlobs(path, [path]);
  if (path.endsWith('.jsonl')) return fromHistory(path);
  return fromResults(path);
}

/** Blobs of one run or of its shards, their cells side by side. */
function fromBlobs(source: string, files: string[]): StoredRun {
  const docs = files.map((f) => readBlob(f).doc);
  const suites: StoredSuite[] = [];
  for (const doc of docs) {
    for (const s of doc.suites) {
      const known = suites.find((k) => k.file === s.file);
      if (!known) suites.push({ ...s, cells: [...s.cells] });
      else for (const c of s.cells) if (!known.cells.some((k) => k.id === c.id)) known.cells.push(c);
    }
  }
  const { shard: _s, ...info } = docs[0].info;
  return { source, info, suites };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw bad(
      `${file}: not readable JSON (${(err as Error).message})`,
      "the file is damaged or incomplete; use the run's output directory as storm test wrote it",
    );
  }
}

/** A history.jsonl: one event per line; a bad line is an error naming its line number. */
export function readHistory(file: string): HistoryEvent[] {
  if (!existsSync(file))
    throw bad(
      `${file}: history not found`,
      'analyze needs the cells/…/history.jsonl files the json reporter wrote next to results.json',
    );
  const events: HistoryEvent[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const e = JSON.parse(line) as HistoryEvent;
        if (typeof e?.type !== 'string' || typeof e.t !== 'number')
          throw new Error('not a history event (no type or t)');
        events.push(e);
      } catch (err) {
        throw bad(
          `${file}:${i + 1}: ${(err as Error).message}`,
          "the history is damaged; analyze the run's other cells, or run the cell again",
        );
      }
    });
  return events;
}

/**
 * The run's own outcome, recovered from a stored verdict: an inconclusive cell's reason lists one doubt
 * per line (src/session/judge.ts); the harness and baseline doubts are recomputed from the history,
 * every other line (agents not ready, a fault not verified) is the run's own.
 */
export function runOutcome(
  status: CellStatus,
  reason: string | null | undefined,
): { status: 'completed' | 'inconclusive'; reason?: string } {
  if (status !== 'inconclusive') return { status: 'completed' };
  const own = (reason ?? '')
    .split('\n')
    .filter((l) => l && !l.startsWith('harness overloaded:') && !l.startsWith('unhealthy baseline:'));
  return own.length ? { status: 'inconclusive', reason: own.join('\n') } : { status: 'completed' };
}

interface ResultsCell {
  id: string;
  protocol: ProtocolName;
  repeat: number;
  seed: number;
  status: CellStatus;
  reason: string | null;
  durationMs: number;
  faults: BlobCell['faults'];
  agents: BlobCell['agents'];
  files: { history: string | null } | null;
}

/** results.json and the histories beside it. */
function fromResults(file: string): StoredRun {
  const doc = readJson(file) as {
    version?: number;
    run?: RunInfo;
    suites?: {
      file: string;
      scenario: string | null;
      line: number;
      loadErrors: SuiteResult['loadErrors'];
      cells: ResultsCell[];
    }[];
  };
  if (!doc || typeof doc !== 'object' || doc.version !== 1 || !Array.isArray(doc.suites)) {
    throw bad(
      `${file}: not a storm results.json (format version 1)`,
      'pass the results.json written by storm test -r json, or its directory',
    );
  }
  const dir = dirname(file);
  const suites = doc.suites.map((s) => ({
    file: s.file,
    scenario: s.scenario,
    line: s.line,
    loadErrors: s.loadErrors ?? [],
    cells: (s.cells ?? []).map((c): BlobCell => {
      const ran = c.status !== 'skipped' && c.files?.history;
      const cell: BlobCell = {
        id: c.id,
        file: s.file,
        scenario: s.scenario ?? s.file,
        protocol: c.protocol,
        repeat: c.repeat,
        seed: c.seed,
        status: c.status,
        ...(c.reason !== null ? { reason: c.reason } : {}),
        durationMs: c.durationMs,
        faults: c.faults ?? [],
        agents: c.agents ?? [],
        history: ran ? readHistory(join(dir, c.files!.history!)) : [],
      };
      // A cell whose judging inputs are not stored is re-judged with the scenario's (analyze, --baseline).
      if (ran) cell.judging = { run: runOutcome(c.status, c.reason), inputs: null };
      return cell;
    }),
  }));
  return { source: file, info: doc.run ?? null, suites };
}

/** One history.jsonl; its cell from the results.json of its output directory when there is one. */
function fromHistory(file: string): StoredRun {
  const history = readHistory(file);
  const results = resolve(dirname(file), '../../../results.json');
  if (existsSync(results)) {
    const run = fromResults(results);
    const want = relative(dirname(results), resolve(file)).split('\\').join('/');
    const raw = readJson(results) as { suites: { file: string; cells: ResultsCell[] }[] };
    for (const s of raw.suites) {
      const c = s.cells.find((x) => x.files?.history === want);
      if (!c) continue;
      const suite = run.suites.find((x) => x.file === s.file)!;
      return { ...run, source: file, suites: [{ ...suite, cells: suite.cells.filter((x) => x.id === c.id) }] };
    }
  }
  // A history on its own: the protocol from its directory name (cells/<scenario>/<protocol>[-r<n>]/).
  const dirName = basename(dirname(file)).replace(/-r\d+$/, '');
  const protocol = (PROTOCOL_NAMES as readonly string[]).includes(dirName) ? (dirName as ProtocolName) : 'json';
  const cell: BlobCell = {
    id: `${file}#${protocol}`,
    file,
    scenario: basename(file),
    protocol,
    repeat: 0,
    seed: 0,
    status: 'passed',
    durationMs: 0,
    // The fault timeline as the reports show it, from the history's own fault events.
    faults: history.flatMap((e) => (e.type === 'fault' ? [(({ type: _t, sides: _s, ...f }) => f)(e)] : [])),
    agents: [],
    history,
    judging: { run: { status: 'completed' }, inputs: null },
  };
  return { source: file, info: null, suites: [{ file, scenario: null, line: 1, loadErrors: [], cells: [cell] }] };
}
