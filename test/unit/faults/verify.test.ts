/**
 * Fault application and verification on a real fabric of link proxies in front of echo servers:
 * rules land on exactly the right links, probes confirm them, and a link that only claims a rule
 * (it forwards straight to the target) is caught as unverified.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { faultKindOf, type FaultWorld } from '../../../src/faults/kinds/index.js';
import { cellLinks, NetworkFabric } from '../../../src/faults/network.js';
import { PROBE_WINDOW_MS, probe, verifyLinks } from '../../../src/faults/probe.js';
import type { LinkProxy } from '../../../src/faults/proxy.js';
import type { NetworkFault, PartitionFault } from '../../../src/scenario/types.js';
import { echoServer } from './echo-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const ids = ['a', 'b', 'c'];
const loc = { file: 'x', line: 1, col: 1 };

async function fabric(): Promise<NetworkFabric> {
  const ports = new Map<string, number>();
  for (const id of ids) {
    const e = await echoServer();
    cleanups.push(() => e.close());
    ports.set(id, e.port);
  }
  const mesh = Object.fromEntries(ids.map((x) => [x, ids.filter((y) => y !== x)]));
  const f = await NetworkFabric.open(cellLinks(mesh, ['a']), 1);
  cleanups.push(() => f.close());
  f.setTargets(ports);
  return f;
}

const partition = (sides: string[][]): PartitionFault => ({
  kind: 'partition',
  sides,
  forMs: 1000,
  index: 0,
  atMs: 0,
  times: 1,
  loc,
});
const latency = (ms: number, target: string[]): NetworkFault => ({
  kind: 'network',
  latencyMs: ms,
  jitterMs: 0,
  loss: 0,
  target,
  forMs: 1000,
  index: 0,
  atMs: 0,
  times: 1,
  loc,
});

/** Apply a proxy fault through its FaultKind as a cell's schedule does, with its evidence. */
async function applyLinkFault(
  f: NetworkFabric,
  occurrence: number,
  spec: PartitionFault | NetworkFault,
  agentIds: string[],
) {
  const world = { agentIds, fabric: f } as unknown as FaultWorld;
  const kind = faultKindOf(spec);
  const applied = await kind.apply(spec, occurrence, world);
  return { ...applied, ...(await kind.evidence(applied, spec, world)) };
}

describe('fault kinds on a fabric (partition, network)', () => {
  it('blocks exactly the links across the cut, verifies them, and lifts them', async () => {
    const f = await fabric();
    const applied = await applyLinkFault(f, 0, partition([['a'], ['rest']]), ids);
    expect(applied.verified).toBe(true);
    expect(applied.sides).toEqual([['a'], ['b', 'c']]);
    expect(applied.victims).toEqual(['a', 'b', 'c']);
    expect(applied.detail).toMatch(/4 links, blocked; 4 probes silent/);
    const blocked = f
      .all()
      .filter((l) => l.rule?.blocked)
      .map((l) => `${l.from}>${l.to}`)
      .sort();
    expect(blocked).toEqual(['a>b', 'a>c', 'b>a', 'c>a']);
    expect((await probe(Number(new URL(f.urlFor('b', 'c')!).port))).kind).toBe('byte');
    f.lift(0);
    expect(f.all().every((l) => l.rule === null)).toBe(true);
  });

  it('verifies latency on every link into and out of the target, the client’s link included', async () => {
    const f = await fabric();
    const applied = await applyLinkFault(f, 3, latency(60, ['a']), ids);
    expect(applied.verified).toBe(true);
    expect(applied.detail).toMatch(/5 links, latency 60 ms; 5 probes delayed/);
    expect(
      f
        .all()
        .filter((l) => l.rule)
        .map((l) => `${l.from}>${l.to}`)
        .sort(),
    ).toEqual(['a>b', 'a>c', 'b>a', 'c>a', 'client>a']);
  });

  it('overlapping faults compose on a link, and lifting one leaves the other', async () => {
    const f = await fabric();
    await applyLinkFault(f, 0, latency(40, ['a']), ids);
    await applyLinkFault(f, 1, partition([['a'], ['b']]), ids);
    const ab = f.all().find((l) => l.from === 'a' && l.to === 'b')!;
    expect(ab.rule).toEqual({ blocked: true, latencyMs: 40 });
    f.lift(1);
    expect(ab.rule).toEqual({ latencyMs: 40 });
  });
});

describe('verifyLinks', () => {
  /** A "link" that claims a rule but is really the target itself: no proxy in the path. */
  async function liar(rule: LinkProxy['rule']): Promise<LinkProxy> {
    const e = await echoServer();
    cleanups.push(() => e.close());
    return { from: 'x', to: 'y', rule, port: e.port, targetPort: e.port } as unknown as LinkProxy;
  }

  it('catches a link that answers although it should be blocked', async () => {
    const v = await verifyLinks([await liar({ blocked: true })], { blocked: true });
    expect(v.verified).toBe(false);
    expect(v.detail).toMatch(/a probe through x→y answered after [\d.]+ ms \(expected nothing before 250 ms\)/);
  });

  it('catches a link that answers faster than its latency allows', async () => {
    const v = await verifyLinks([await liar({ latencyMs: 100 })], { latencyMs: 100 });
    expect(v.verified).toBe(false);
    expect(v.detail).toMatch(/expected nothing before 200 ms/);
  });

  it('a rule missing from a link is unverified without probing', async () => {
    const v = await verifyLinks([await liar(null)], { blocked: true });
    expect(v).toEqual({ verified: false, detail: '1 link, blocked: link x→y does not carry the rule' });
  });

  it('loss alone cannot be timed by one probe: the installed rule is what is checked', async () => {
    const v = await verifyLinks([await liar({ loss: 0.1 })], { loss: 0.1 });
    expect(v.verified).toBe(true);
    expect(v.detail).toMatch(/not observable by one probe/);
    expect(PROBE_WINDOW_MS).toBeLessThanOrEqual(300);
  });
});
