/**
 * `blackhole`: the targets become hung hosts. Every link into and out of them accepts connections and
 * never answers — no refusal, no reset, no FIN — so their peers can only notice by silence; what
 * crossed meanwhile is lost for good (unlike a partition, which delivers held bytes at the heal).
 */
import type { BlackholeFault } from '../../scenario/types.js';
import { touchingLinks } from '../link-select.js';
import { applyCounted, liftRule, probeEvidence, settleBy } from './proxy-fault.js';
import type { FaultKind } from './types.js';

export const blackholeFault: FaultKind<BlackholeFault> = {
  usesProxy: true,

  apply(spec, occurrence, world) {
    const base = { kind: 'blackhole' as const, occurrence, victims: [...spec.target], pids: [] };
    if (!world.fabric) return base;
    const links = touchingLinks(spec.target, world.fabric.all());
    return { ...base, ...applyCounted(world, occurrence, links, { blackhole: true }) };
  },

  // Probes through the links must stay silent while the targets answer directly.
  evidence: (applied, _spec, world) => probeEvidence(applied, world),

  lift: liftRule,

  settle: (applied) =>
    settleBy(applied, 'blackholed', 'no connection crossed the blackholed links while the fault lasted'),
};
