/**
 * Semantic rules of `workload.message_flow`: every name is `client` or a declared group, steps chain,
 * and a step reaches an agent. An unknown name is reported once, where it first appears: a typo used
 * in two steps (`to: wroker`, then `from: wroker`) is one mistake, and the chain rule stays quiet
 * about steps whose names it cannot trust.
 */
import { didYouMean } from '../../util/did-you-mean.js';
import { asMap, asString, type Ctx } from '../read.js';
import { describeRoster, type Roster } from '../roster.js';

/** Check the raw flow against the roster (raw, so paths keep the file's indices). */
export function checkFlow(ctx: Ctx, roster: Roster, rawWorkload: unknown): void {
  const flow = asMap(rawWorkload)?.message_flow;
  if (!Array.isArray(flow)) return;
  const names = ['client', ...roster.groups.keys()];
  const known = (name: string | undefined): boolean =>
    name === 'client' || (name !== undefined && roster.groups.has(name));
  const reported = new Set<string>();
  // Every step that uses a name, so the one message about a typo can say where else it appears.
  const uses = new Map<string, string[]>();
  flow.forEach((step, i) => {
    for (const end of ['from', 'to'] as const) {
      const name = asString(asMap(step)?.[end]);
      if (name !== undefined && !known(name)) uses.set(name, [...(uses.get(name) ?? []), `step ${i} ${end}`]);
    }
  });
  const alsoIn = (name: string): string => {
    const rest = (uses.get(name) ?? []).slice(1);
    return rest.length
      ? `; also used in ${rest.slice(0, 3).join(', ')}${rest.length > 3 ? ` and ${rest.length - 3} more` : ''}`
      : '';
  };
  let previousTo: string | undefined;
  flow.forEach((step, i) => {
    const s = asMap(step);
    if (!s) return;
    const path = (end: string): (string | number)[] => ['workload', 'message_flow', i, end];
    for (const end of ['from', 'to'] as const) {
      const name = asString(s[end]);
      if (name === undefined || known(name) || reported.has(name)) continue;
      reported.add(name);
      const agent = roster.agents.find((a) => a.id === name);
      if (agent) {
        ctx.sink.add({
          path: path(end),
          code: 'flow-agent-not-group',
          message: `"${name}" is one agent; message_flow names groups (the live member is chosen per task)${alsoIn(name)}`,
          hint: `write ${end}: ${agent.group}`,
        });
      } else {
        ctx.sink.add({
          path: path(end),
          code: 'unknown-agent',
          message: `agent group "${name}" is not declared (message_flow names groups, or client for the driver)${alsoIn(name)}`,
          hint: didYouMean(name, names) ?? describeRoster(roster),
        });
      }
    }
    const from = asString(s.from);
    const to = asString(s.to);
    if (from === 'client' && to === 'client') {
      ctx.sink.add({
        path: path('to'),
        code: 'flow-client-to-client',
        message: 'a step from client to client never reaches an agent: the driver would send the task to itself',
        hint: `send it to a group${roster.groups.size ? `, e.g. to: ${[...roster.groups.keys()][0]}` : ''}`,
      });
    }
    if (i === 0 && from !== undefined && from !== 'client') {
      if (known(from))
        ctx.sink.add({
          path: path('from'),
          code: 'flow-start',
          message: `the first step must start at client (the driver issues every task), got "${from}"`,
          hint: `insert - { from: client, to: ${from} } first`,
        });
    } else if (i > 0 && known(from) && known(previousTo) && from !== previousTo) {
      ctx.sink.add({
        path: path('from'),
        code: 'flow-chain',
        message: `step ${i} starts at "${from}", but the task is held by "${previousTo}" after step ${i - 1}`,
        hint: `write from: ${previousTo}`,
      });
    }
    if (to === 'client' && i < flow.length - 1 && from !== 'client') {
      ctx.sink.add({
        path: path('to'),
        code: 'flow-chain',
        message: `step ${i} returns the task to client, yet more steps follow`,
        hint: 'client ends the flow; move this step last',
      });
    }
    previousTo = to;
  });
}
