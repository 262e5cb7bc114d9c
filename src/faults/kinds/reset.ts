/** `reset`: RST a share of the connections into each target — those open when it starts, and new ones. */
import type { ResetFault } from '../../scenario/types.js';
import { applyCounted, liftRule, probeEvidence, settleBy } from './proxy-fault.js';
import type { FaultKind } from './types.js';

export const resetFault: FaultKind<ResetFault> = {
  usesProxy: true,

  apply(spec, occurrence, world) {
    const base = { kind: 'reset' as const, occurrence, victims: [...spec.target], pids: [] };
    if (!world.fabric) return base;
    const into = new Set(spec.target);
    const links = world.fabric.all().filter((l) => into.has(l.to));
    return { ...base, ...applyCounted(world, occurrence, links, { reset: spec.share }) };
  },

  // A reset cannot be seen by one probe (it is a draw per connection): the rule is checked on every
  // link now, and the resets are counted when the fault ends.
  evidence: (applied, _spec, world) => probeEvidence(applied, world),

  lift: liftRule,

  settle: (applied) =>
    settleBy(
      applied,
      'reset',
      'no connection to the targets was reset while the fault lasted (no traffic, or no draw hit)',
    ),
};
