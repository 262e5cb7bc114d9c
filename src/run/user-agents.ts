/**
 * What a cell adds for users' agents (`command:` groups, SPEC §8), which cannot report over IPC:
 * their traffic is metered at the link proxies (proxy-meter.ts) and what they choose to report
 * arrives at the events endpoint (events-endpoint.ts). At the end, an agent whose callers went
 * around the proxy is recorded as unmetered, so its bytes are null rather than an undercount.
 */
import type { NetworkFabric } from '../faults/network.js';
import type { Scenario } from '../scenario/types.js';
import { monotonicMs } from './clock.js';
import { EventsEndpoint } from './events-endpoint.js';
import type { HistoryLog } from './history-log.js';
import { ProxyMeter } from './proxy-meter.js';

/** Ids of the agents of `command:` groups. */
export function userAgentIds(scenario: Pick<Scenario, 'agents' | 'groups'>): Set<string> {
  const commandGroups = new Set(scenario.groups.filter((g) => g.command !== undefined).map((g) => g.name));
  return new Set(scenario.agents.filter((a) => commandGroups.has(a.group)).map((a) => a.id));
}

/** The metering and the events endpoint of one cell's users' agents. */
export class UserAgentTaps {
  private constructor(
    private readonly meter: ProxyMeter,
    private readonly events: EventsEndpoint,
    private readonly log: HistoryLog,
  ) {}

  /**
   * Start metering `agents` on the fabric's links and open the events endpoint. The fabric must
   * carry every link into them (cell.ts opens it whenever the cell has users' agents).
   */
  static async open(
    agents: ReadonlySet<string>,
    allIds: readonly string[],
    fabric: NetworkFabric,
    log: HistoryLog,
    notBeforeMono: number,
  ): Promise<UserAgentTaps> {
    const meter = new ProxyMeter(fabric.all(), agents, (e) => log.push(e));
    meter.start();
    try {
      const events = await EventsEndpoint.open({
        agentIds: allIds,
        notBeforeMono,
        onEvents: (agent, batch) => log.pushAgentEvents(agent, batch),
      });
      return new UserAgentTaps(meter, events, log);
    } catch (err) {
      meter.stop();
      throw err;
    }
  }

  /** Agent `id`'s STORM_EVENTS_URL. */
  eventsUrl(id: string): string {
    return this.events.urlFor(id);
  }

  /** After the agents have stopped: last counts, unmetered agents, close. Returns the cell's warnings. */
  async close(): Promise<string[]> {
    this.meter.stop();
    const warnings: string[] = [];
    for (const agent of this.meter.wentAround(answeredTasks(this.log))) {
      const reason = `${agent} answered tasks that never passed storm's proxy: its callers were sent to another address (an A2A card naming the agent's own port?), so its bytes cannot be counted`;
      this.log.push({ type: 'unmetered', t: monotonicMs(), agent, reason });
      warnings.push(`bytes not measured: ${reason}; see docs/your-own-agents.md`);
    }
    await this.events.close();
    return [...warnings, ...this.events.warnings()];
  }
}

/** Tasks that ended ok, per agent the driver sent them to. */
function answeredTasks(log: HistoryLog): Map<string, number> {
  const to = new Map<string, string>();
  const answered = new Map<string, number>();
  for (const e of log.recorded) {
    if (e.type === 'task_issued') to.set(e.task, e.to);
    const agent = e.type === 'task_end' && e.outcome === 'ok' ? to.get(e.task) : undefined;
    if (agent !== undefined) answered.set(agent, (answered.get(agent) ?? 0) + 1);
  }
  return answered;
}
