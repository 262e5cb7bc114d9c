/**
 * The scenario stage's public face: discover files, load each through parse → schema → normalize →
 * semantic rules, and print the issues. Everything else in src/scenario/ is internal.
 */
import { resolve } from 'node:path';
import { discoverScenarioFiles, DiscoveryError } from './discover.js';
import { loadScenarioFile, type LoadResult } from './load.js';

export { discoverScenarioFiles, DiscoveryError, isScenarioFile } from './discover.js';
export { displayPath, formatIssue } from './format.js';
export { loadScenarioFile, type LoadResult } from './load.js';
export { formatMs, parseDuration, parseFraction, parseRate, UnitError } from './units.js';
export { schemaFilePath } from './schema-path.js';

/**
 * Load every scenario under `paths` (relative to `cwd`), in sorted order. A path that does not exist
 * becomes a LoadResult with a `path-not-found` issue (line 0), so callers report it like any invalid file.
 */
export async function loadScenarios(paths: string[], cwd: string): Promise<LoadResult[]> {
  let files: string[];
  const missing: LoadResult[] = [];
  try {
    files = await discoverScenarioFiles(paths, cwd);
  } catch (err) {
    if (!(err instanceof DiscoveryError)) throw err;
    for (const issue of err.issues) missing.push({ file: issue.file, scenario: null, issues: [issue] });
    const existing = paths.filter((p) => !err.issues.some((i) => i.file === resolve(cwd, p)));
    files = existing.length ? await discoverScenarioFiles(existing, cwd) : [];
  }
  const loaded = await Promise.all(files.map((f) => loadScenarioFile(f)));
  return [...missing, ...loaded];
}

