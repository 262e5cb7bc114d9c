/** Find scenario files: `**\/*.storm.yaml` and `*.storm.yml` under directories, files taken as given. */
import { StormError } from '../model/errors.js';
import type { Dirent, Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { LoadIssue } from '../model/load-issue.js';

/** Directories never searched: dependencies, hidden folders, storm's own output. */
const SKIP_DIRS = new Set(['node_modules', 'storm-report']);

/** Whether a file name is a scenario file. */
export function isScenarioFile(name: string): boolean {
  return name.endsWith('.storm.yaml') || name.endsWith('.storm.yml');
}

/** Paths given on the command line that do not exist or cannot be searched; each is a usage error (exit 2). */
export class DiscoveryError extends StormError<'path-not-found'> {
  override name = 'DiscoveryError';

  constructor(readonly issues: LoadIssue[]) {
    super('path-not-found', issues.map((i) => `${i.file}: ${i.message}`).join('\n'));
  }
}

async function walk(dir: string, out: string[], problems: LoadIssue[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    // One unreadable folder is reported like a bad file; the rest of the tree is still searched.
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (err as Error).message;
    problems.push({
      file: dir,
      line: 0,
      col: 0,
      path: '',
      code: 'unreadable',
      message: `cannot search this directory: ${why}`,
    });
    return;
  }
  for (const e of entries) {
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) await walk(join(dir, e.name), out, problems);
    } else if ((e.isFile() || e.isSymbolicLink()) && isScenarioFile(e.name)) {
      out.push(join(dir, e.name));
    }
  }
}

/** Scenario files found under `paths`, and the paths that could not be searched (missing, unreadable). */
export async function findScenarioFiles(
  paths: string[],
  cwd: string,
): Promise<{ files: string[]; problems: LoadIssue[] }> {
  const found: string[] = [];
  const problems: LoadIssue[] = [];
  for (const p of paths.length ? paths : ['.']) {
    const abs = resolve(cwd, p);
    let info: Stats;
    try {
      info = await stat(abs);
    } catch {
      problems.push({
        file: abs,
        line: 0,
        col: 0,
        path: '',
        code: 'path-not-found',
        message: 'no such file or directory',
      });
      continue;
    }
    if (info.isDirectory()) await walk(abs, found, problems);
    else found.push(abs);
  }
  return { files: [...new Set(found)].sort(), problems };
}

/**
 * Absolute paths of the scenario files under `paths` (default: cwd), sorted and de-duplicated.
 * A file named directly is taken whatever its name. Throws DiscoveryError listing every path that is
 * missing or cannot be searched.
 */
export async function discoverScenarioFiles(paths: string[], cwd: string): Promise<string[]> {
  const { files, problems } = await findScenarioFiles(paths, cwd);
  if (problems.length) throw new DiscoveryError(problems);
  return files;
}
