import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STORM_VERSION } from '../../../src/version.js';
import { exitCodeFor } from '../../../src/session/exit-code.js';
import type { CellResult, SuiteResult } from '../../../src/model/results.js';

describe('version', () => {
  it('src/version.ts follows package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    expect(STORM_VERSION).toBe(pkg.version);
  });
});

describe('exitCodeFor', () => {
  const cell = (status: CellResult['status']) => ({ status }) as CellResult;
  const suite = (cells: CellResult[], loadErrors = 0) =>
    ({
      file: 'x',
      scenario: 'x',
      line: 1,
      cells,
      loadErrors: Array.from({ length: loadErrors }, () => ({})),
    }) as SuiteResult;

  it.each([
    [[suite([cell('passed'), cell('skipped')])], 'completed', 0],
    [[suite([cell('passed'), cell('inconclusive')])], 'completed', 3],
    [[suite([cell('failed'), cell('inconclusive')])], 'completed', 1],
    [[suite([cell('passed')]), suite([], 1)], 'completed', 2],
    [[suite([cell('failed')]), suite([], 1)], 'completed', 2],
    [[suite([cell('passed')])], 'interrupted', 130],
    [[suite([cell('failed')])], 'bail', 1],
  ] as const)('%#: %s %s → %i', (suites, reason, code) => {
    expect(exitCodeFor([...suites], reason)).toBe(code);
  });
});
