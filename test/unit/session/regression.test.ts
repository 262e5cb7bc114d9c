/** `--baseline` comparisons (src/session/regression.ts) on hand-made metrics: direction, nulls, resolution, verdict. */
import { describe, expect, it } from 'vitest';
import { parseAssertion } from '../../../src/assert/parse.js';
import type { Metrics } from '../../../src/model/metrics.js';
import type { CellResult } from '../../../src/model/results.js';
import { applyRegression, checkTolerance, compareWithBaseline } from '../../../src/session/regression.js';

const tol = (metric: string, tolerance: number) => ({ metric, probe: parseAssertion(`${metric} >= 0`), tolerance });
/** Only the fields the lookups of these tests read (one kill's record, the whole run's rate); the rest is irrelevant here. */
const metrics = (m: { detect_ms?: number | null; recovery_ms?: number | null; success_rate?: number }): Metrics =>
  ({
    resolution_ms: 250,
    detect_ms: m.detect_ms ?? null,
    recovery_ms: m.recovery_ms ?? null,
    faults: [
      {
        fault: 0,
        kind: 'kill',
        victims: ['node-0'],
        detect_ms: m.detect_ms ?? null,
        recovery_ms: m.recovery_ms ?? null,
        recovered: true,
      },
    ],
    overall: { from: 0, success_rate: m.success_rate ?? null },
  }) as unknown as Metrics;

describe('checkTolerance', () => {
  it('a longer time beyond the tolerance (and the bucket resolution) regresses; within it does not', () => {
    expect(
      checkTolerance(tol('detect_ms', 0.2), metrics({ detect_ms: 1000 }), metrics({ detect_ms: 1300 })),
    ).toMatchObject({ regressed: true, worse: 0.3 });
    expect(
      checkTolerance(tol('detect_ms', 0.2), metrics({ detect_ms: 1000 }), metrics({ detect_ms: 1150 })).regressed,
    ).toBe(false);
    // recovery_ms lives on the bucket grid: one bucket (250 ms) more is jitter, not a regression
    expect(
      checkTolerance(tol('recovery_ms', 0), metrics({ recovery_ms: 1000 }), metrics({ recovery_ms: 1250 })).regressed,
    ).toBe(false);
    expect(
      checkTolerance(tol('recovery_ms', 0), metrics({ recovery_ms: 1000 }), metrics({ recovery_ms: 1500 })).regressed,
    ).toBe(true);
  });

  it('a lower success rate is worse; a higher one is not', () => {
    const c = checkTolerance(tol('success_rate', 0.1), metrics({ success_rate: 1 }), metrics({ success_rate: 0.5 }));
    expect(c).toMatchObject({ before: 1, after: 0.5, worse: 0.5, regressed: true });
    expect(c.reason).toBe("success_rate 0.5 is 50% worse than the baseline's 1 (tolerance 10%)");
    expect(
      checkTolerance(tol('success_rate', 0.1), metrics({ success_rate: 0.5 }), metrics({ success_rate: 1 })).regressed,
    ).toBe(false);
  });

  it('no value now (never recovered) regresses; no baseline value compares nothing', () => {
    expect(
      checkTolerance(tol('detect_ms', 0.2), metrics({ detect_ms: 1000 }), metrics({ detect_ms: null })).regressed,
    ).toBe(true);
    expect(
      checkTolerance(tol('detect_ms', 0.2), metrics({ detect_ms: null }), metrics({ detect_ms: 5 })),
    ).toMatchObject({ regressed: false, before: null });
    expect(checkTolerance(tol('detect_ms', 0.2), null, null).regressed).toBe(false);
  });
});

describe('applyRegression', () => {
  const cell = (status: CellResult['status']): CellResult =>
    ({ id: 'a#json', status, assertions: [], metrics: metrics({ detect_ms: 2000 }) }) as unknown as CellResult;
  const before = { status: 'passed' as const, metrics: metrics({ detect_ms: 1000 }) };

  it('fails a passed cell that regressed and adds the check as an assertion', () => {
    const out = applyRegression(cell('passed'), compareWithBaseline(cell('passed'), before, [tol('detect_ms', 0.2)]));
    expect(out.status).toBe('failed');
    expect(out.reason).toMatch(/^regression: detect_ms 2000 is 100% worse/);
    expect(out.assertions).toMatchObject([
      { expr: 'detect_ms within 20% of the baseline', pass: false, left: 2000, right: 1000 },
    ]);
  });

  it('leaves an inconclusive cell inconclusive, and a cell without a baseline cell untouched', () => {
    expect(
      applyRegression(cell('inconclusive'), compareWithBaseline(cell('inconclusive'), before, [tol('detect_ms', 0.2)]))
        .status,
    ).toBe('inconclusive');
    const alone = applyRegression(
      cell('passed'),
      compareWithBaseline(cell('passed'), undefined, [tol('detect_ms', 0.2)]),
    );
    expect(alone).toMatchObject({ status: 'passed', regression: { baselineStatus: null, checks: [] }, assertions: [] });
  });
});
