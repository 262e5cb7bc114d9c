/**
 * The scenario stage's public face: discover files, load each through parse → schema → normalize →
 * semantic rules, and print the issues. Everything else in src/scenario/ is internal.
 */
import { findScenarioFiles } from './discover.js';
import { loadScenarioFile, type LoadResult } from './load.js';

export { discoverScenarioFiles, DiscoveryError, findScenarioFiles, isScenarioFile } from './discover.js';
export { displayPath, formatIssue } from './format.js';
export { loadScenarioFile, loadScenarioText, type LoadResult } from './load.js';
export { formatMs, parseDuration, parseFraction, parseRate, UnitError } from './units.js';
export { schemaFilePath } from './schema-path.js';

/**
 * Load every scenario under `paths` (relative to `cwd`), in sorted order. A path that does not exist
 * (or a directory that cannot be searched) becomes a LoadResult with an issue at line 0, so callers
 * report it like any invalid file.
 */
export async function loadScenarios(paths: string[], cwd: string): Promise<LoadResult[]> {
  const { files, problems } = await findScenarioFiles(paths, cwd);
  const unsearchable: LoadResult[] = problems.map((issue) => ({ file: issue.file, scenario: null, issues: [issue] }));
  const loaded = await Promise.all(files.map((f) => loadScenarioFile(f)));
  return [...unsearchable, ...loaded];
}
