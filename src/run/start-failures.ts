/**
 * One readable sentence for agents that did not start. A mass failure (232 of 250 agents not ready)
 * must not become a 232-line reason in every report: failures with the same cause are grouped, the
 * agents named by a short range, and the first group's message kept whole.
 */

export interface StartFailure {
  agent: string;
  error: unknown;
}

/** At most this many agent ids are listed one by one; beyond, `first … last`. */
const LISTED_IDS = 3;

export function summarizeStartFailures(failures: readonly StartFailure[], total: number): string {
  const groups = new Map<string, { agents: string[]; message: string }>();
  for (const f of failures) {
    const message = f.error instanceof Error ? f.error.message : String(f.error);
    const group = groups.get(causeOf(message, f.agent)) ?? { agents: [], message };
    group.agents.push(f.agent);
    groups.set(causeOf(message, f.agent), group);
  }
  return [...groups]
    .map(([cause, { agents, message }]) =>
      agents.length === 1 ? message : `${agents.length} of ${total} agents: ${cause} (${idRange(agents)})`,
    )
    .join('; ');
}

/** "node-7 was not ready within 60000 ms" → "was not ready within 60000 ms": the agent is named apart. */
function causeOf(message: string, agent: string): string {
  if (message.startsWith(`${agent}: `)) return message.slice(agent.length + 2);
  if (message.startsWith(`${agent} `)) return message.slice(agent.length + 1);
  return message;
}

function idRange(ids: readonly string[]): string {
  if (ids.length <= LISTED_IDS) return ids.join(', ');
  return `${ids[0]} … ${ids[ids.length - 1]}`;
}
