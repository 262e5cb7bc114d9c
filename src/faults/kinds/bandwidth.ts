/** `bandwidth`: every link into and out of each target carries at most this many bytes per second, each direction. */
import type { BandwidthFault } from '../../scenario/types.js';
import { touchingLinks } from '../link-select.js';
import { applyCounted, liftRule, probeEvidence, settleBy } from './proxy-fault.js';
import type { FaultKind } from './types.js';

export const bandwidthFault: FaultKind<BandwidthFault> = {
  usesProxy: true,

  apply(spec, occurrence, world) {
    const base = { kind: 'bandwidth' as const, occurrence, victims: [...spec.target], pids: [] };
    if (!world.fabric) return base;
    const links = touchingLinks(spec.target, world.fabric.all());
    return { ...base, ...applyCounted(world, occurrence, links, { bytesPerSec: spec.bytesPerSec }) };
  },

  // A small probe crosses a shaped link in well under a millisecond at any useful rate, so the rule
  // is checked on every link now and the shaped bytes are counted when the fault ends.
  evidence: (applied, _spec, world) => probeEvidence(applied, world),

  lift: liftRule,

  settle: (applied) => settleBy(applied, 'shaped_bytes', 'no byte crossed the shaped links while the fault lasted'),
};
