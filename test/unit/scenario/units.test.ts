import { describe, expect, it } from 'vitest';
import { formatMs, parseDuration, parseFraction, parseRate, UnitError } from '../../../src/scenario/units.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['6s', 6000],
    ['1.5s', 1500],
    ['2m', 120_000],
    ['1h', 3_600_000],
    [1500, 1500],
    ['1500', 1500],
    [0, 0],
    [' 3s ', 3000],
    ['.5s', 500],
  ])('%j → %d ms', (input, ms) => expect(parseDuration(input)).toBe(ms));

  it.each([['6 secs'], ['s'], [-1], [1.5], [true], [null], [{}], ['5d'], ['']])(
    'rejects %j with the expected shape',
    (input) => {
      expect(() => parseDuration(input)).toThrow(UnitError);
      expect(() => parseDuration(input)).toThrow(/250ms, 6s, 2m/);
    },
  );
});

describe('parseFraction', () => {
  it.each([
    ['30%', 0.3],
    [0.3, 0.3],
    ['0.25', 0.25],
    ['100%', 1],
    [0, 0],
    [1, 1],
    ['12.5%', 0.125],
  ])('%j → %d', (input, f) => {
    expect(parseFraction(input)).toBeCloseTo(f, 10);
  });
  it.each([['130%'], [1.2], [-0.1], ['thirty'], [[]]])('rejects %j', (input) => {
    expect(() => parseFraction(input)).toThrow(/30% or 0.3/);
  });
});

describe('parseRate', () => {
  it.each([
    ['20/s', 20],
    ['600/m', 10],
    ['3600/h', 1],
    [5, 5],
    ['0.5/s', 0.5],
    ['7', 7],
  ])('%j → %d per second', (input, r) => {
    expect(parseRate(input)).toBeCloseTo(r, 10);
  });
  it.each([['20 per second'], [0], ['-3/s'], ['/s'], [null]])('rejects %j', (input) => {
    expect(() => parseRate(input)).toThrow(/20\/s or 600\/m/);
  });
});

describe('formatMs', () => {
  it.each([
    [250, '250ms'],
    [1500, '1.5s'],
    [6000, '6s'],
    [120_000, '2m'],
  ])('%d → %s', (ms, text) => expect(formatMs(ms)).toBe(text));
});
