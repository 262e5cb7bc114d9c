/** `network`: latency, jitter and loss on every link into and out of each target, the client's included. */
import type { NetworkFault } from '../../scenario/types.js';
import type { LinkRule } from '../link-rule.js';
import { touchingLinks } from '../link-select.js';
import { liftRule, probeEvidence } from './proxy-fault.js';
import type { FaultKind } from './types.js';

export const networkFault: FaultKind<NetworkFault> = {
  usesProxy: true,

  apply(spec, occurrence, world) {
    const base = { kind: 'network' as const, occurrence, victims: [...spec.target], pids: [] };
    if (!world.fabric) return base;
    const rule = degradation(spec);
    const links = touchingLinks(spec.target, world.fabric.all());
    world.fabric.apply(occurrence, links, rule);
    return { ...base, links, rule };
  },

  evidence: (applied, _spec, world) => probeEvidence(applied, world),

  lift: liftRule,
};

/** The rule a network fault puts on its links. */
export function degradation(spec: NetworkFault): LinkRule {
  const rule: LinkRule = {};
  if (spec.latencyMs > 0) rule.latencyMs = spec.latencyMs;
  if (spec.jitterMs > 0) rule.jitterMs = spec.jitterMs;
  if (spec.loss > 0) rule.loss = spec.loss;
  return rule;
}
