/**
 * Who may talk to whom. The topology is laid over every agent in declaration order:
 * mesh = everyone; ring = the previous and next agent; star = the first agent is the hub, every
 * other agent talks only to it. An agent monitors exactly the peers it may talk to.
 */
import type { AgentSpec, Topology } from '../scenario/types.js';

/** Peer ids of every agent. */
export function peersByTopology(agents: AgentSpec[], topology: Topology): Record<string, string[]> {
  const ids = agents.map((a) => a.id);
  const out: Record<string, string[]> = {};
  ids.forEach((id, i) => {
    if (topology === 'mesh') out[id] = ids.filter((x) => x !== id);
    else if (topology === 'ring') {
      const n = ids.length;
      out[id] = n < 2 ? [] : [...new Set([ids[(i + n - 1) % n], ids[(i + 1) % n]])].filter((x) => x !== id);
    } else out[id] = i === 0 ? ids.slice(1) : [ids[0]];
  });
  return out;
}
