import { describe, expect, it } from 'vitest';
import { parseMinPassRate, parseWorkers } from '../../../src/cli/parse-options.js';

describe('--min-pass-rate', () => {
  it('accepts shares from 0 to 1 and percentages', () => {
    expect(parseMinPassRate('1')).toBe(1);
    expect(parseMinPassRate('0')).toBe(0);
    expect(parseMinPassRate('0.9')).toBe(0.9);
    expect(parseMinPassRate('.5')).toBe(0.5);
    expect(parseMinPassRate('90%')).toBe(0.9);
    expect(parseMinPassRate('100%')).toBe(1);
  });

  it('rejects anything outside 0..1 or not a number, saying what it expected', () => {
    for (const bad of ['1.5', '-0.1', '101%', 'abc', '', '0.9x', 'NaN', 'Infinity', '1e-1']) {
      expect(parseMinPassRate(bad)).toMatch(/--min-pass-rate expects a share between 0 and 1/);
    }
  });
});

describe('--workers', () => {
  it('accepts a count or auto', () => {
    expect(parseWorkers('1')).toBe(1);
    expect(parseWorkers('4')).toBe(4);
    expect(parseWorkers('auto')).toBe('auto');
    expect(parseWorkers('AUTO')).toBe('auto');
  });

  it('rejects zero, fractions and words', () => {
    for (const bad of ['0', '1.5', '-2', 'max', '']) expect(parseWorkers(bad)).toMatch(/integer ≥ 1 or "auto"/);
  });
});
