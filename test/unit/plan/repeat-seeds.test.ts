import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planCells, repeatSeed } from '../../../src/plan/plan.js';
import { planTimeline } from '../../../src/plan/timeline.js';
import type { Scenario } from '../../../src/scenario/types.js';
import { kill, meshScenario } from './scenario-fixture.js';
import { PROTOCOL_NAMES, type ProtocolName } from '../../../src/scenario/types.js';

function scenario(seed: number, protocols: ProtocolName[]): Scenario {
  return meshScenario({ seed, protocols, faults: [kill()] });
}

const protocolSets = fc.subarray([...PROTOCOL_NAMES], { minLength: 1 });
const seeds = fc.integer({ min: 0, max: 2 ** 31 });

describe('derived seeds for repeats', () => {
  it('repeat k of a cell runs with seed + k, with --seed as the base when given', () => {
    fc.assert(
      fc.property(
        seeds,
        fc.option(seeds, { nil: undefined }),
        fc.integer({ min: 1, max: 12 }),
        protocolSets,
        (seed, override, repeat, protocols) => {
          const plan = planCells([{ file: 'a.storm.yaml', scenario: scenario(seed, protocols) }], {
            repeat,
            seed: override,
          });
          expect(plan.cells).toHaveLength(repeat * protocols.length);
          for (const cell of plan.cells) expect(cell.seed).toBe(repeatSeed(override ?? seed, cell.repeat));
          expect(new Set(plan.cells.map((c) => c.id)).size).toBe(plan.cells.length);
        },
      ),
    );
  });

  it('same inputs give the same plan', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 1, max: 8 }), protocolSets, (seed, repeat, protocols) => {
        const make = () => planCells([{ file: 'a.storm.yaml', scenario: scenario(seed, protocols) }], { repeat });
        const strip = (p: ReturnType<typeof make>) =>
          p.cells.map(({ id, seed: s, protocol, repeat: r }) => ({ id, s, protocol, r }));
        expect(strip(make())).toEqual(strip(make()));
        for (const cell of make().cells)
          expect(planTimeline(cell.scenario, cell.seed)).toEqual(planTimeline(cell.scenario, cell.seed));
      }),
    );
  });

  it('interleaves repeats across protocols: every protocol’s r0 before any r1', () => {
    const plan = planCells([{ file: 'a.storm.yaml', scenario: scenario(42, ['json', 'anp']) }], { repeat: 2 });
    expect(plan.cells.map((c) => c.id)).toEqual([
      'a.storm.yaml#json#r0',
      'a.storm.yaml#anp#r0',
      'a.storm.yaml#json#r1',
      'a.storm.yaml#anp#r1',
    ]);
    expect(plan.cells.map((c) => c.seed)).toEqual([42, 42, 43, 43]);
  });

  it('repeats draw different victims (the point of deriving seeds)', () => {
    const plan = planCells([{ file: 'a.storm.yaml', scenario: scenario(42, ['json']) }], { repeat: 10 });
    const victims = plan.cells.map((c) => planTimeline(c.scenario, c.seed)[0].victims.join(','));
    expect(new Set(victims).size).toBeGreaterThan(1);
  });
});
