/** Semantic rules of `workload.message_flow`: every name is `client` or a declared group, and steps chain. */
import { didYouMean } from '../util/did-you-mean.js';
import { asMap, asString, type Ctx } from './read.js';
import { describeRoster, type Roster } from './roster.js';

/** Check the raw flow against the roster (raw, so paths keep the file's indices). */
export function checkFlow(ctx: Ctx, roster: Roster, rawWorkload: unknown): void {
  const flow = asMap(rawWorkload)?.message_flow;
  if (!Array.isArray(flow)) return;
  const names = ['client', ...roster.groups.keys()];
  let previousTo: string | undefined;
  flow.forEach((step, i) => {
    const s = asMap(step);
    if (!s) return;
    for (const end of ['from', 'to'] as const) {
      const name = asString(s[end]);
      if (name === undefined || name === 'client' || roster.groups.has(name)) continue;
      const path = ['workload', 'message_flow', i, end];
      const agent = roster.agents.find((a) => a.id === name);
      if (agent) {
        ctx.sink.add({ path, code: 'flow-agent-not-group', message: `"${name}" is one agent; message_flow names groups (the live member is chosen per task)`, hint: `write ${end}: ${agent.group}` });
      } else {
        ctx.sink.add({ path, code: 'unknown-agent', message: `agent group "${name}" is not declared (message_flow names groups, or client for the driver)`, hint: didYouMean(name, names) ?? describeRoster(roster) });
      }
    }
    const from = asString(s.from);
    if (i === 0 && from !== undefined && from !== 'client') {
      ctx.sink.add({ path: ['workload', 'message_flow', 0, 'from'], code: 'flow-start', message: `the first step must start at client (the driver issues every task), got "${from}"`, hint: `insert - { from: client, to: ${from} } first` });
    } else if (i > 0 && from !== undefined && previousTo !== undefined && from !== previousTo) {
      ctx.sink.add({ path: ['workload', 'message_flow', i, 'from'], code: 'flow-chain', message: `step ${i} starts at "${from}", but the task is held by "${previousTo}" after step ${i - 1}`, hint: `write from: ${previousTo}` });
    }
    if (asString(s.to) === 'client' && i < flow.length - 1) {
      ctx.sink.add({ path: ['workload', 'message_flow', i, 'to'], code: 'flow-chain', message: `step ${i} returns the task to client, yet more steps follow`, hint: 'client ends the flow; move this step last' });
    }
    previousTo = asString(s.to);
  });
}
