/**
 * Which differences between groups (protocols) are larger than their run-to-run spread.
 *
 * The test: two groups differ measurably when their 95% intervals of the median do not overlap
 * (closed intervals: touching counts as overlapping). It is the test a reader can check by eye in
 * the table, needs no assumption about the metric's distribution, and is conservative — two
 * non-overlapping 95% intervals mean a difference well beyond the 5% level, so "measurable" is a
 * strong statement and "no measurable difference" a weak one (it is not evidence of equality).
 * Groups without an interval (fewer than 6 values) are never ranked.
 */
import type { Spread } from './spread.js';

/** How group a's median interval lies relative to group b's. */
export type Ordering = 'lower' | 'higher' | 'overlap' | 'no-interval';

/** Compare two spreads by their median intervals. */
export function compareSpreads(a: Spread, b: Spread): Ordering {
  if (!a.ci || !b.ci) return 'no-interval';
  if (a.ci.hi < b.ci.lo) return 'lower';
  if (a.ci.lo > b.ci.hi) return 'higher';
  return 'overlap';
}

/** One measurable difference: `lower`'s median interval lies entirely below `higher`'s. */
export interface Difference {
  lower: string;
  higher: string;
}

/**
 * What a comparison can say:
 * - `measurable`: at least one pair's intervals do not overlap (listed in `differences`);
 * - `no-measurable-difference`: every pair with intervals overlaps;
 * - `too-few-runs`: fewer than two groups have an interval (repeats < 6, or too many nulls);
 * - `single-run`: one run per group, so nothing about spread is known;
 * - `nothing-to-compare`: fewer than two groups have a value.
 */
export type ComparisonVerdict =
  | 'measurable'
  | 'no-measurable-difference'
  | 'too-few-runs'
  | 'single-run'
  | 'nothing-to-compare';

/** The comparison of one metric across groups. */
export interface Comparison {
  verdict: ComparisonVerdict;
  differences: Difference[];
  /** Groups that have values but no interval, so they were left out of the ranking. */
  unranked: string[];
}

/** Compare every pair of groups on one metric; groups in the given order, differences in that order. */
export function compareGroups(groups: readonly { name: string; spread: Spread }[]): Comparison {
  const withValues = groups.filter((g) => g.spread.n > 0);
  const ranked = withValues.filter((g) => g.spread.ci);
  const unranked = withValues.filter((g) => !g.spread.ci).map((g) => g.name);
  if (withValues.length < 2) return { verdict: 'nothing-to-compare', differences: [], unranked };
  if (groups.every((g) => g.spread.runs <= 1)) return { verdict: 'single-run', differences: [], unranked: [] };
  if (ranked.length < 2) return { verdict: 'too-few-runs', differences: [], unranked };
  const differences: Difference[] = [];
  for (let i = 0; i < ranked.length; i++) {
    for (let j = i + 1; j < ranked.length; j++) {
      const order = compareSpreads(ranked[i].spread, ranked[j].spread);
      if (order === 'lower') differences.push({ lower: ranked[i].name, higher: ranked[j].name });
      if (order === 'higher') differences.push({ lower: ranked[j].name, higher: ranked[i].name });
    }
  }
  return { verdict: differences.length ? 'measurable' : 'no-measurable-difference', differences, unranked };
}

/** The words every report uses for a verdict. */
export const VERDICT_TEXT: Record<ComparisonVerdict, string> = {
  measurable: 'measurable difference',
  'no-measurable-difference': 'no measurable difference',
  'too-few-runs': 'too few runs to judge (a 95% interval needs ≥ 6 values per protocol)',
  'single-run': 'one run per cell: differences cannot be judged from one run (use --repeat 6 or more)',
  'nothing-to-compare': 'nothing to compare',
};
