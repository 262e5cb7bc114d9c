/**
 * What every fault acting through the cell's fault proxies shares: no proxy means the fault cannot
 * happen (the cell says so rather than pretend), probes verify the installed rule, and lifting takes
 * the occurrence's rule off its links (others stay in force: rules compose per link).
 */
import type { FaultCounts } from '../../model/history.js';
import type { LinkRule } from '../link-rule.js';
import { verifyLinks } from '../probe.js';
import type { LinkProxy } from '../proxy.js';
import type { AppliedFault, FaultEvidence, FaultSettlement, FaultWorld } from './types.js';

/** Put `rule` on `links` for the occurrence, remembering the links' counters to count its effect. */
export function applyCounted(
  world: FaultWorld,
  occurrence: number,
  links: LinkProxy[],
  rule: LinkRule,
): Pick<AppliedFault, 'links' | 'rule' | 'countsAtApply'> {
  const countsAtApply = new Map(links.map((l) => [l, { ...l.counts }]));
  world.fabric!.apply(occurrence, links, rule);
  return { links, rule, countsAtApply };
}

/** What happened on each link since the rule was set (non-zero counters only), keyed `from>to`. */
export function countsSince(applied: AppliedFault): FaultCounts {
  const out: FaultCounts = {};
  for (const [link, before] of applied.countsAtApply ?? []) {
    const diff: Record<string, number> = {};
    for (const [name, n] of Object.entries(link.counts))
      if (n - (before[name] ?? 0) > 0) diff[name] = n - (before[name] ?? 0);
    if (Object.keys(diff).length) out[`${link.from}>${link.to}`] = diff;
  }
  return out;
}

/** Total of counter `name` over every link. */
export function total(counts: FaultCounts, name: string): number {
  return Object.values(counts).reduce((sum, c) => sum + (c[name] ?? 0), 0);
}

/**
 * The settlement of a counted fault: verified when counter `name` moved on some link. `none` says
 * why nothing was counted, for the cell's reason.
 */
export function settleBy(applied: AppliedFault, name: string, none: string): FaultSettlement {
  if (!applied.countsAtApply) return { verified: false, detail: 'no fault proxy for this cell', counts: {} };
  const counts = countsSince(applied);
  const n = total(counts, name);
  const links = Object.keys(counts).length;
  return n > 0
    ? { verified: true, detail: `${name}: ${n} on ${links} link${links === 1 ? '' : 's'}`, counts }
    : { verified: false, detail: none, counts };
}

/** The evidence of a proxy fault: every link carries the rule, and probes see its effect. */
export async function probeEvidence(applied: AppliedFault, world: FaultWorld, prefix = ''): Promise<FaultEvidence> {
  if (!world.fabric || !applied.links || !applied.rule) {
    return {
      verified: false,
      detail: `${applied.kind} fault without a fault proxy for this cell; the cell cannot be judged`,
    };
  }
  const verdict = await verifyLinks(applied.links, applied.rule);
  return { verified: verdict.verified, detail: `${prefix}${verdict.detail}` };
}

/** Take the occurrence's rule off its links. */
export function liftRule(applied: AppliedFault, world: FaultWorld): void {
  world.fabric?.lift(applied.occurrence);
}
