/**
 * Network faults on a cell's fabric: a partition blocks every link between members of different
 * sides (both directions; `rest` = every agent not named elsewhere; the client only if named), a
 * network fault degrades every link into and out of each target. Each is verified by probes
 * (probe.ts) right after the rules are set; the caller lifts it with `fabric.lift(occurrence)`.
 */
import type { NetworkFault, PartitionFault } from '../scenario/types.js';
import type { LinkRule } from './link-rule.js';
import { cutLinks, resolveSides, touchingLinks } from './link-select.js';
import type { NetworkFabric } from './network.js';
import { verifyLinks } from './probe.js';

/** What applying a network fault did. */
export interface AppliedLinkFault {
  kind: 'partition' | 'network';
  /** Agents whose links were hit (every member of every side, or the targets). */
  victims: string[];
  /** Partitions: the sides with `rest` expanded. */
  sides?: string[][];
  verified: boolean;
  detail: string;
}

/** The rule a network fault puts on its links. */
export function ruleOf(spec: PartitionFault | NetworkFault): LinkRule {
  if (spec.kind === 'partition') return { blocked: true };
  const rule: LinkRule = {};
  if (spec.latencyMs > 0) rule.latencyMs = spec.latencyMs;
  if (spec.jitterMs > 0) rule.jitterMs = spec.jitterMs;
  if (spec.loss > 0) rule.loss = spec.loss;
  return rule;
}

/** Set the fault's rules on its links as fault occurrence `occurrence`, then verify them. */
export async function applyLinkFault(
  fabric: NetworkFabric, occurrence: number, spec: PartitionFault | NetworkFault, agentIds: readonly string[],
): Promise<AppliedLinkFault> {
  const rule = ruleOf(spec);
  const all = fabric.all();
  if (spec.kind === 'partition') {
    const sides = resolveSides(spec.sides, agentIds);
    const links = cutLinks(sides, all);
    fabric.apply(occurrence, links, rule);
    const verdict = sides.length < 2 ? { verified: false, detail: 'a partition needs at least two non-empty sides' } : await verifyLinks(links, rule);
    const where = sides.map((s) => s.join(',')).join(' | ');
    const named = sides.flat();
    const victims = [...agentIds.filter((id) => named.includes(id)), ...named.filter((id) => !agentIds.includes(id))];
    return { kind: 'partition', victims, sides, verified: verdict.verified, detail: `${where}: ${verdict.detail}` };
  }
  const links = touchingLinks(spec.target, all);
  fabric.apply(occurrence, links, rule);
  const verdict = await verifyLinks(links, rule);
  return { kind: 'network', victims: [...spec.target], verified: verdict.verified, detail: verdict.detail };
}
