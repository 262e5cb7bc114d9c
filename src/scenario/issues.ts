/**
 * Collects the LoadIssues of one file across the stages parse → schema → normalize → semantic.
 * A later stage stays quiet about what an earlier stage already explained: an issue on a line with a
 * YAML syntax error, or at (or under) a path already reported, would only repeat the same mistake.
 */
import type { Document, LineCounter } from 'yaml';
import type { LoadIssue } from '../model/load-issue.js';
import { printable } from '../util/printable.js';
import { formatPath, positionOf, type PathSeg } from './yaml/locate.js';

/** The validation stages, in order. */
export type Stage = 'parse' | 'schema' | 'normalize' | 'semantic';

/** What a stage reports; the sink turns the path into file:line:col. */
export interface IssueInput {
  path: readonly PathSeg[];
  code: string;
  message: string;
  hint?: string;
  /** Point at the key (unknown keys) or the value (default). */
  at?: 'key' | 'value';
  /** Exact position, when the stage knows better than the path (syntax errors, assertion offsets). */
  pos?: { line: number; col: number };
}

interface Entry {
  issue: LoadIssue;
  stage: Stage;
  pathKey: string;
}

/** Issue collector for one scenario file. */
export class IssueSink {
  private readonly entries: Entry[] = [];
  private readonly syntaxLines = new Set<number>();
  /** The stage currently running; set by the loader. */
  stage: Stage = 'parse';
  /** The YAML had syntax errors: the parser's recovery may have dropped keys that are in the file. */
  hasSyntaxErrors = false;

  constructor(
    readonly file: string,
    private readonly doc: Document | null,
    private readonly lc: LineCounter,
  ) {}

  /** 1-based line and column of a 0-based offset in the parsed text. */
  positionAt(offset: number): { line: number; col: number } {
    return this.lc.linePos(offset);
  }

  /** Mark a line as holding a YAML syntax error (later stages say nothing else about it). */
  markSyntaxLine(line: number): void {
    this.syntaxLines.add(line);
  }

  /** Record one issue unless an earlier stage already covered its line or path. */
  add(input: IssueInput): void {
    const pathKey = input.path.map((s) => `${s}`).join('\u0000');
    const message = printable(input.message);
    const pos = input.pos ?? (this.doc ? positionOf(this.doc, this.lc, input.path, input.at) : { line: 1, col: 1 });
    if (this.stage !== 'parse' && this.syntaxLines.has(pos.line)) return;
    for (const e of this.entries) {
      if (e.stage === this.stage) {
        if (e.pathKey === pathKey && e.issue.code === input.code && e.issue.message === message) return;
        continue;
      }
      // A root-level issue (syntax error, missing key) says nothing about any one path.
      if (e.pathKey === '') continue;
      if (pathKey === e.pathKey || pathKey.startsWith(`${e.pathKey}\u0000`)) return;
    }
    const issue: LoadIssue = {
      file: this.file,
      line: pos.line,
      col: pos.col,
      path: printable(formatPath(input.path)),
      message,
      code: input.code,
    };
    if (input.hint) issue.hint = printable(input.hint);
    this.entries.push({ issue, stage: this.stage, pathKey });
  }

  /** Whether any issue was reported at or under `path` (lets a rule skip data it cannot trust). */
  hasIssueAt(path: readonly PathSeg[]): boolean {
    const key = path.map((s) => `${s}`).join('\u0000');
    return this.entries.some((e) => e.pathKey === key || e.pathKey.startsWith(`${key}\u0000`));
  }

  /** Number of issues so far. */
  get count(): number {
    return this.entries.length;
  }

  /** Every issue, in file order. */
  issues(): LoadIssue[] {
    return this.entries.map((e) => e.issue).sort((a, b) => a.line - b.line || a.col - b.col);
  }
}
