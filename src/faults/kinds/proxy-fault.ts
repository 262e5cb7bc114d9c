/**
 * What every fault acting through the cell's fault proxies shares: no proxy means the fault cannot
 * happen (the cell says so rather than pretend), probes verify the installed rule, and lifting takes
 * the occurrence's rule off its links (others stay in force: rules compose per link).
 */
import { verifyLinks } from '../probe.js';
import type { AppliedFault, FaultEvidence, FaultWorld } from './types.js';

/** The evidence of a proxy fault: every link carries the rule, and probes see its effect. */
export async function probeEvidence(applied: AppliedFault, world: FaultWorld, prefix = ''): Promise<FaultEvidence> {
  if (!world.fabric || !applied.links || !applied.rule) {
    return { verified: false, detail: `${applied.kind} fault without a fault proxy for this cell; the cell cannot be judged` };
  }
  const verdict = await verifyLinks(applied.links, applied.rule);
  return { verified: verdict.verified, detail: `${prefix}${verdict.detail}` };
}

/** Take the occurrence's rule off its links. */
export function liftRule(applied: AppliedFault, world: FaultWorld): void {
  world.fabric?.lift(applied.occurrence);
}
