/** Find scenario files: `**\/*.storm.yaml` and `*.storm.yml` under directories, files taken as given. */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { LoadIssue } from '../report/types.js';

/** Directories never searched: dependencies, hidden folders, storm's own output. */
const SKIP_DIRS = new Set(['node_modules', 'storm-report']);

/** Whether a file name is a scenario file. */
export function isScenarioFile(name: string): boolean {
  return name.endsWith('.storm.yaml') || name.endsWith('.storm.yml');
}

/** Paths given on the command line that do not exist; each is a usage error (exit 2). */
export class DiscoveryError extends Error {
  constructor(readonly issues: LoadIssue[]) {
    super(issues.map((i) => `${i.file}: ${i.message}`).join('\n'));
    this.name = 'DiscoveryError';
  }
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) await walk(join(dir, e.name), out);
    } else if ((e.isFile() || e.isSymbolicLink()) && isScenarioFile(e.name)) {
      out.push(join(dir, e.name));
    }
  }
}

/**
 * Absolute paths of the scenario files under `paths` (default: cwd), sorted and de-duplicated.
 * A file named directly is taken whatever its name. Throws DiscoveryError listing every missing path.
 */
export async function discoverScenarioFiles(paths: string[], cwd: string): Promise<string[]> {
  const found: string[] = [];
  const missing: LoadIssue[] = [];
  for (const p of paths.length ? paths : ['.']) {
    const abs = resolve(cwd, p);
    let info;
    try {
      info = await stat(abs);
    } catch {
      missing.push({ file: abs, line: 0, col: 0, path: '', code: 'path-not-found', message: 'no such file or directory' });
      continue;
    }
    if (info.isDirectory()) await walk(abs, found);
    else found.push(abs);
  }
  if (missing.length) throw new DiscoveryError(missing);
  return [...new Set(found)].sort();
}
