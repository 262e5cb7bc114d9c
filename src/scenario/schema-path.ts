/** Where the installed package keeps schemas/storm.schema.json, from source (tests) or from dist/ (CLI). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** Absolute path of the scenario schema shipped with this package. */
export function schemaFilePath(): string {
  if (cached) return cached;
  // src/scenario/ and dist/src/scenario/ sit at different depths below the package root: walk up.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'schemas', 'storm.schema.json');
    if (existsSync(candidate)) {
      cached = candidate;
      return cached;
    }
    dir = dirname(dir);
  }
  throw new Error('schemas/storm.schema.json not found next to the storm package');
}
