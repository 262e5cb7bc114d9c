/** Load one scenario file through every stage: parse → traps → schema → normalize → semantic. */
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { LoadIssue } from '../model/load-issue.js';
import { LIMIT_REASONS, MAX_FILE_BYTES } from './limits.js';
import { normalizeScenario } from './normalize/scenario.js';
import { parseYaml } from './parse-yaml.js';
import { asMap, type Ctx } from './read.js';
import { checkSchema } from './schema-check.js';
import { checkValueTraps } from './trap-check.js';
import type { Scenario } from './types.js';

/** A file's outcome: the scenario (null when anything is wrong) and every issue found. */
export interface LoadResult {
  file: string;
  scenario: Scenario | null;
  issues: LoadIssue[];
}

function fileIssue(file: string, code: string, message: string, hint?: string): LoadResult {
  const issue: LoadIssue = { file, line: 0, col: 0, path: '', message, code };
  if (hint) issue.hint = hint;
  return { file, scenario: null, issues: [issue] };
}

const kib = (bytes: number): string => `${Math.ceil(bytes / 1024)} KiB`;

function tooLarge(abs: string, bytes: number): LoadResult {
  return fileIssue(
    abs,
    'file-too-large',
    `the file has ${kib(bytes)}, more than the ${kib(MAX_FILE_BYTES)} a scenario file may have: ${LIMIT_REASONS.file}`,
  );
}

/** The file's text, or the LoadResult that explains why it cannot be read. */
async function readScenarioText(abs: string): Promise<string | LoadResult> {
  try {
    const info = await stat(abs);
    if (info.isDirectory()) return fileIssue(abs, 'not-a-file', 'is a directory, not a scenario file');
    if (!info.isFile())
      return fileIssue(
        abs,
        'not-a-file',
        'is not a regular file (a device, pipe or socket), so storm will not read it',
      );
    if (info.size > MAX_FILE_BYTES) {
      return tooLarge(abs, info.size);
    }
    return await readFile(abs, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fileIssue(abs, 'path-not-found', 'file does not exist');
    if (code === 'EISDIR') return fileIssue(abs, 'not-a-file', 'is a directory, not a scenario file');
    if (code === 'EACCES' || code === 'EPERM')
      return fileIssue(abs, 'unreadable', 'cannot read the file: permission denied');
    return fileIssue(abs, 'unreadable', `cannot read the file: ${(err as Error).message}`);
  }
}

/** Load, validate and normalize one `*.storm.yaml` file. Never throws: one bad file must not stop the others. */
export async function loadScenarioFile(file: string): Promise<LoadResult> {
  const abs = resolve(file);
  const text = await readScenarioText(abs);
  return typeof text === 'string' ? loadScenarioText(abs, text) : text;
}

/**
 * Validate and normalize scenario `text` as if read from `file` (relative paths in it resolve against
 * the file's directory). Never throws. Used by loadScenarioFile, and by the fuzz tests without a disk.
 */
export function loadScenarioText(file: string, text: string): LoadResult {
  const abs = resolve(file);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_FILE_BYTES) {
    return tooLarge(abs, bytes);
  }
  try {
    return checkText(abs, text);
  } catch (err) {
    // A bug in storm, not in the file: still a located result, so every other file is reported.
    const message = err instanceof Error ? err.message : String(err);
    const issue: LoadIssue = {
      file: abs,
      line: 1,
      col: 1,
      path: '',
      code: 'internal-error',
      message: `internal error while reading this file: ${message}`,
      hint: 'please report it to the storm maintainers with the file attached',
    };
    return { file: abs, scenario: null, issues: [issue] };
  }
}

function checkText(abs: string, text: string): LoadResult {
  const parsed = parseYaml(abs, text);
  const { doc, lc, sink } = parsed;
  const ctx: Ctx = { file: abs, dir: dirname(abs), sink, doc, lc, text: parsed.text };
  const data = asMap(parsed.data);
  if (!data) {
    const empty = parsed.data === null || parsed.data === undefined;
    const message = empty
      ? 'the file is empty: a scenario needs at least name, duration, agents and workload'
      : 'a scenario file must be a mapping of keys (name:, duration:, agents:, …)';
    if (sink.count === 0)
      sink.add({ path: [], code: 'not-a-mapping', message, hint: 'run storm init for a commented starter' });
    return { file: abs, scenario: null, issues: sink.issues() };
  }
  checkValueTraps(ctx, data, parsed.lines);
  sink.stage = 'schema';
  checkSchema(data, sink);
  const scenario = normalizeScenario(ctx, data);
  const issues = sink.issues();
  return { file: abs, scenario: issues.length ? null : scenario, issues };
}
