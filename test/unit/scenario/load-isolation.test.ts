/**
 * One bad file never takes the others down (issue 9): a failure inside storm while checking a file —
 * here a stack overflow injected into the normalize stage — becomes a located issue of that file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadScenarios } from '../../../src/scenario/index.js';

vi.mock('../../../src/scenario/normalize/scenario.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/scenario/normalize/scenario.js')>();
  return {
    ...actual,
    normalizeScenario: (ctx: Parameters<typeof actual.normalizeScenario>[0], raw: Record<string, unknown>) => {
      if (raw.name === 'boom') throw new RangeError('Maximum call stack size exceeded');
      return actual.normalizeScenario(ctx, raw);
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), 'storm-isolation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const valid = readFileSync(join(import.meta.dirname, '../../fixtures/valid/echo-basic/echo.storm.yaml'), 'utf8');

describe('loadScenarios isolates files', () => {
  it('a file that makes storm throw is an internal-error issue; the next file still loads', async () => {
    writeFileSync(join(dir, 'a.storm.yaml'), valid.replace(/^name: .*$/m, 'name: boom'));
    writeFileSync(join(dir, 'b.storm.yaml'), valid);
    const results = await loadScenarios([dir], dir);
    expect(results.map((r) => [r.file, r.scenario !== null])).toEqual([
      [join(dir, 'a.storm.yaml'), false],
      [join(dir, 'b.storm.yaml'), true],
    ]);
    expect(results[0].issues).toEqual([
      expect.objectContaining({
        line: 1,
        col: 1,
        code: 'internal-error',
        message: 'internal error while reading this file: Maximum call stack size exceeded',
      }),
    ]);
  });
});
