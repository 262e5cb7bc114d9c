import { describe, expect, it } from 'vitest';
import { parseShard, planCells } from '../../../src/plan/plan.js';
import { fnv1a } from '../../../src/util/random.js';
import { chooseVictims, expandFaults, planTimeline } from '../../../src/plan/timeline.js';
import { seededRandom } from '../../../src/util/random.js';
import { kill, loc, meshScenario } from './scenario-fixture.js';

const scenario = meshScenario;

describe('planCells', () => {
  const files = [
    { file: 'a.storm.yaml', scenario: scenario() },
    { file: 'b.storm.yaml', scenario: scenario({ name: 'ring' }) },
  ];

  it('makes one cell per scenario × protocol with stable ids', () => {
    const plan = planCells(files);
    expect(plan.cells).toHaveLength(10);
    expect(plan.cells[0].id).toBe('a.storm.yaml#json');
    expect(plan.cells.map((c) => c.id)).toEqual(planCells(files).cells.map((c) => c.id));
  });

  it('filters by protocol and name, overrides the seed, repeats', () => {
    const plan = planCells(files, { protocols: ['anp'], name: '^ri', seed: 7, repeat: 2 });
    expect(plan.cells.map((c) => c.id)).toEqual(['b.storm.yaml#anp#r0', 'b.storm.yaml#anp#r1']);
    // --seed overrides the scenario's seed; repeat k adds k (SPEC §3: seed, seed+1, …)
    expect(plan.cells.map((c) => c.seed)).toEqual([7, 8]);
  });

  it('skips protocols other than the one a command group pins, and says why', () => {
    const s = scenario({ groups: [{ name: 'worker', count: 8, command: 'x', protocol: 'a2a', readyMs: 1000, loc }] });
    const plan = planCells([{ file: 'p.storm.yaml', scenario: s }]);
    expect(plan.cells.map((c) => c.protocol)).toEqual(['a2a']);
    expect(plan.skipped).toHaveLength(4);
    expect(plan.skipped[0].reason).toMatch(/pinned to protocol "a2a"/);
  });

  it('shards are disjoint and cover every cell', () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ file: `s${i}.storm.yaml`, scenario: scenario() }));
    const all = planCells(many).cells.map((c) => c.id);
    const parts = [1, 2, 3].map((i) => planCells(many, { shard: { index: i, total: 3 } }).cells.map((c) => c.id));
    expect(parts.flat().sort()).toEqual([...all].sort());
    expect(new Set(parts.flat()).size).toBe(all.length);
    expect(parts.every((p) => p.length > 0)).toBe(true);
  });

  it('parses --shard and rejects nonsense', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, total: 3 });
    expect(parseShard('4/3')).toMatch(/between 1 and n/);
    expect(parseShard('x')).toMatch(/expects i\/n/);
    expect(fnv1a('abc')).toBe(fnv1a('abc'));
  });
});

describe('fault timeline', () => {
  it('expands cyclic storms in time order', () => {
    const occ = expandFaults([kill({ atMs: 8000, everyMs: 4000, times: 3 }), kill({ index: 1, atMs: 9000 })]);
    expect(occ.map((o) => o.atMs)).toEqual([8000, 9000, 12000, 16000]);
    expect(occ.map((o) => o.occurrence)).toEqual([0, 1, 2, 3]);
  });

  it('rounds a fraction up and is reproducible for a seed', () => {
    const live = Array.from({ length: 8 }, (_, i) => `worker-${i}`);
    const a = chooseVictims({ fraction: 0.3 }, live, seededRandom(42));
    expect(a).toHaveLength(3); // ceil(0.3 × 8) = 3
    expect(chooseVictims({ fraction: 0.3 }, live, seededRandom(42))).toEqual(a);
    expect(chooseVictims({ fraction: 0.3 }, live, seededRandom(43))).not.toEqual(a);
    expect(chooseVictims({ ids: ['worker-2', 'nope'] }, live, seededRandom(1))).toEqual(['worker-2']);
    expect(chooseVictims({ count: 20 }, live, seededRandom(1))).toHaveLength(8);
  });

  it('never picks an agent that is still dead', () => {
    const s = scenario({ faults: [kill({ atMs: 3000, times: 2, everyMs: 3000, select: { count: 4 } })] });
    const [first, second] = planTimeline(s, 42);
    expect(first.victims).toHaveLength(4);
    expect(second.victims.filter((v) => first.victims.includes(v))).toEqual([]);
  });

  it('picks restarted agents again', () => {
    const s = scenario({
      faults: [kill({ atMs: 3000, times: 2, everyMs: 3000, select: { count: 8 }, restartAfterMs: 1000 })],
    });
    const [first, second] = planTimeline(s, 42);
    expect(first.victims).toHaveLength(8);
    expect(second.victims).toHaveLength(8);
  });
});
