/**
 * storm publishes its reporter types: a user's TypeScript reporter imports them from 'storm' (the
 * package's "exports", resolved from the built declarations) and gets read-only views of results.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const FIXTURE = join(__dirname, '../fixtures/reporters/typed/tsconfig.json');

describe("import type { Reporter } from 'storm'", () => {
  it('type-checks a user reporter, including its @ts-expect-error lines on writes to read-only results', () => {
    const r = spawnSync(process.execPath, [TSC, '-p', FIXTURE], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
