/** The link rule model (delay draws, loss as retransmission delay, composition) and link selection. */
import { describe, expect, it } from 'vitest';
import {
  chunkDelay,
  composeRules,
  describeRule,
  minRoundTripMs,
  RETRANSMIT_MS,
} from '../../../src/faults/link-rule.js';
import { cutLinks, resolveSides, touchingLinks } from '../../../src/faults/link-select.js';
import { needsProxy } from '../../../src/faults/kinds/index.js';
import { cellLinks } from '../../../src/faults/network.js';
import { seededRandom } from '../../../src/util/random.js';

const draws = (rule: Parameters<typeof chunkDelay>[0], seed: number, n = 2000) => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => chunkDelay(rule, random));
};

describe('chunkDelay', () => {
  it('is zero without a rule and exactly the latency without jitter or loss', () => {
    expect(draws(null, 1, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(new Set(draws({ latencyMs: 120 }, 1, 50))).toEqual(new Set([120]));
  });

  it('keeps jitter within latency ± jitter, uses both sides of the range, never goes below 0', () => {
    const d = draws({ latencyMs: 100, jitterMs: 30 }, 3);
    expect(Math.min(...d)).toBeGreaterThanOrEqual(70);
    expect(Math.max(...d)).toBeLessThanOrEqual(130);
    expect(d.some((x) => x < 80) && d.some((x) => x > 120)).toBe(true);
    expect(Math.min(...draws({ latencyMs: 10, jitterMs: 50 }, 3))).toBeGreaterThanOrEqual(0);
  });

  it('reproduces the same draws from the same seed, other draws from another', () => {
    expect(draws({ latencyMs: 50, jitterMs: 20, loss: 0.2 }, 42)).toEqual(
      draws({ latencyMs: 50, jitterMs: 20, loss: 0.2 }, 42),
    );
    expect(draws({ latencyMs: 50, jitterMs: 20 }, 42)).not.toEqual(draws({ latencyMs: 50, jitterMs: 20 }, 43));
  });

  it('models loss as retransmission timeouts with backoff: 0, 200, 600, … at about the loss rate', () => {
    const d = draws({ loss: 0.1 }, 7, 10_000);
    const allowed = new Set([0, 200, 600, 1400, 3000, 6200, 12_600]);
    expect(d.every((x) => allowed.has(x))).toBe(true);
    const lost = d.filter((x) => x >= RETRANSMIT_MS).length / d.length;
    expect(lost).toBeGreaterThan(0.08);
    expect(lost).toBeLessThan(0.12);
    expect(d.filter((x) => x >= 600).length).toBeGreaterThan(0); // a retransmission lost again
    expect(Math.max(...draws({ loss: 1 }, 7, 10))).toBe(12_600); // bounded even at 100%
  });
});

describe('composeRules', () => {
  it('adds delays, compounds losses, and blocks when any rule blocks', () => {
    expect(composeRules([])).toBeNull();
    const r = composeRules([
      { latencyMs: 100, loss: 0.5 },
      { latencyMs: 50, jitterMs: 10, loss: 0.5 },
    ])!;
    expect(r).toEqual({ latencyMs: 150, jitterMs: 10, loss: 0.75 });
    expect(composeRules([{ latencyMs: 100 }, { blocked: true }])!.blocked).toBe(true);
    expect(minRoundTripMs({ latencyMs: 100, jitterMs: 30 })).toBe(140);
    expect(describeRule(r)).toBe('latency 150±10 ms, loss 75%');
  });
});

describe('link selection', () => {
  const agents = ['n0', 'n1', 'n2', 'n3'];
  const mesh = Object.fromEntries(agents.map((a) => [a, agents.filter((b) => b !== a)]));
  const links = cellLinks(mesh, ['n0', 'n2']);

  it('builds one link per topology peer plus the client’s targets', () => {
    expect(links).toHaveLength(12 + 2);
    expect(links).toContainEqual({ from: 'client', to: 'n2' });
  });

  it('expands rest and cuts exactly the links across sides, both directions, never the client', () => {
    const sides = resolveSides([['n0'], ['rest']], agents);
    expect(sides).toEqual([['n0'], ['n1', 'n2', 'n3']]);
    const cut = cutLinks(sides, links)
      .map((l) => `${l.from}>${l.to}`)
      .sort();
    expect(cut).toEqual(['n0>n1', 'n0>n2', 'n0>n3', 'n1>n0', 'n2>n0', 'n3>n0']);
  });

  it('cuts between named sides only and leaves unnamed agents connected', () => {
    const cut = cutLinks(resolveSides([['n0'], ['n1']], agents), links)
      .map((l) => `${l.from}>${l.to}`)
      .sort();
    expect(cut).toEqual(['n0>n1', 'n1>n0']);
  });

  it('a network fault hits every link into and out of its targets, the client’s included', () => {
    const hit = touchingLinks(['n2'], links)
      .map((l) => `${l.from}>${l.to}`)
      .sort();
    expect(hit).toEqual(['client>n2', 'n0>n2', 'n1>n2', 'n2>n0', 'n2>n1', 'n2>n3', 'n3>n2']);
  });

  it('only scenarios with network faults get proxies', () => {
    expect(needsProxy({ faults: [] })).toBe(false);
    expect(needsProxy({ faults: [{ kind: 'kill' }] as never })).toBe(false);
    expect(needsProxy({ faults: [{ kind: 'kill' }, { kind: 'partition' }] as never })).toBe(true);
  });
});
