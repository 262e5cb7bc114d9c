/**
 * `partition`: block every link between members of different sides, both directions (`rest` = every
 * agent not named elsewhere; the client only if named). Detection is looked for across the sides.
 */
import type { PartitionFault } from '../../scenario/types.js';
import { cutLinks, resolveSides } from '../link-select.js';
import { liftRule, probeEvidence } from './proxy-fault.js';
import type { FaultKind } from './types.js';

export const partitionFault: FaultKind<PartitionFault> = {
  usesProxy: true,

  apply(spec, occurrence, world) {
    const sides = resolveSides(spec.sides, world.agentIds);
    const named = sides.flat();
    // Agents in declaration order, then named non-agents (the client).
    const victims = [
      ...world.agentIds.filter((id) => named.includes(id)),
      ...named.filter((id) => !world.agentIds.includes(id)),
    ];
    const base = { kind: 'partition' as const, occurrence, victims, pids: [], sides };
    if (!world.fabric) return base;
    const rule = { blocked: true };
    const links = cutLinks(sides, world.fabric.all());
    world.fabric.apply(occurrence, links, rule);
    return { ...base, links, rule };
  },

  async evidence(applied, _spec, world) {
    const sides = applied.sides ?? [];
    if (world.fabric && sides.length < 2)
      return { verified: false, detail: `${where(sides)}: a partition needs at least two non-empty sides` };
    return probeEvidence(applied, world, world.fabric ? `${where(sides)}: ` : '');
  },

  lift: liftRule,
};

const where = (sides: string[][]): string => sides.map((s) => s.join(',')).join(' | ');
