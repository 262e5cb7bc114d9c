/**
 * Runs one cell (scenario × protocol): start every agent as its own process, wait until each is
 * ready, drive the workload for `duration`, apply the fault schedule on the same monotonic clock,
 * record the history, stop everything. This is the one orchestrator; every piece it calls is small.
 * It knows nothing about metrics or reporters: it returns what happened.
 */
import { join } from 'node:path';
import { needsProxy } from '../faults/kinds/index.js';
import { cellLinks, NetworkFabric } from '../faults/network.js';
import type { MessageHit } from '../faults/proxy.js';
import type { Cell } from '../plan/types.js';
import { seededRandom } from '../util/random.js';
import { loadProtocol } from '../protocols/registry.js';
import type { Protocol } from '../protocols/types.js';
import type { FaultTimelineEntry, WorkloadState } from '../model/results.js';
import { expandFaults } from '../plan/timeline.js';
import { LoopDelaySampler } from '../agent/loop-delay.js';
import { AgentProcess, type AgentHooks, type AgentLaunch } from './agent-process.js';
import { monotonicMs, waitUntil } from './clock.js';
import { Driver } from './driver.js';
import type { HistoryEvent } from '../model/history.js';
import { runFaultSchedule } from './fault-schedule.js';
import { HistoryLog } from './history-log.js';
import { buildLaunches } from './launch.js';
import { startAll } from './start-all.js';
import { summarizeStartFailures } from './start-failures.js';
import { freePorts } from './ports.js';
import { settle } from './settle.js';
import { QuestionBook, readShard, type ShardRecord } from './questions.js';
import type { Reaper } from './reaper.js';
import { parseTestStall, scheduleTestStall, TEST_STALL_ENV } from './test-stall.js';
import { peersByTopology } from './topology.js';
import { UserAgentTaps, userAgentIds } from './user-agents.js';
import { WorkloadTracker } from './workload-state.js';

export interface CellContext {
  reaper: Reaper;
  /** Where this cell's agent workspaces go. */
  workspaceRoot: string;
  signal: AbortSignal;
  onPhase(phase: string, detail?: string): void;
  onFault(entry: FaultTimelineEntry): void;
  /** The workload's phase and the faults in force: once when it begins, then as each fault starts and lifts. */
  onWorkload(state: WorkloadState): void;
}

/** What running a cell produced. */
export interface CellRun {
  status: 'completed' | 'inconclusive';
  reason?: string;
  history: HistoryEvent[];
  faults: FaultTimelineEntry[];
  agents: { id: string; pid: number | null; port: number | null }[];
  /** Who monitors whom (for detect_ms). */
  monitors: Record<string, string[]>;
  durationMs: number;
  /** Things the report should say that did not stop the run (malformed events from an agent). */
  warnings: string[];
}

/** Grace between SIGTERM and SIGKILL at teardown. */
const STOP_GRACE_MS = 1000;

/** Run one cell to the end. Never throws for agent or fault problems: those make it inconclusive. */
export async function runCell(cell: Cell, ctx: CellContext): Promise<CellRun> {
  const started = monotonicMs();
  const { scenario } = cell;
  const log = new HistoryLog();
  const procs = new Map<string, AgentProcess>();
  const faults: FaultTimelineEntry[] = [];
  const monitors = peersByTopology(scenario.agents, scenario.topology);
  const problems: string[] = [];
  let t0 = started;
  let workloadRunning = false;
  let driver: Driver | undefined;
  let fabric: NetworkFabric | undefined;
  // Users' agents (command:) cannot report their own traffic or detections over IPC (user-agents.ts).
  const userAgents = userAgentIds(scenario);
  let taps: UserAgentTaps | undefined;
  // The runner's own event-loop delay over the workload, recorded into the history (SPEC §2).
  const loopDelay = new LoopDelaySampler(({ at, ...s }) =>
    log.push({ type: 'loop_delay', t: at, agent: 'runner', ...s }),
  );
  let cancelStall = (): void => undefined;

  let protocol: Protocol;
  try {
    protocol = await loadProtocol(cell.protocol);
  } catch (err) {
    const reason = `protocol ${cell.protocol} could not be loaded: ${(err as Error).message}`;
    return {
      status: 'inconclusive',
      reason,
      history: [],
      faults,
      agents: [],
      monitors,
      durationMs: monotonicMs() - started,
      warnings: [],
    };
  }
  const hooks: AgentHooks = {
    reaper: ctx.reaper,
    cellTag: ctx.reaper.newCellTag(),
    protocol,
    onEvents: (agent, events) => log.pushAgentEvents(agent, events),
    onExit: (agent, pid, code, signal) => log.push({ type: 'agent_exit', t: monotonicMs(), agent, pid, code, signal }),
    signal: ctx.signal,
  };
  const start = async (launch: AgentLaunch): Promise<AgentProcess> => {
    const p = await AgentProcess.start(launch, hooks);
    procs.set(launch.id, p);
    // an agent restarted during the workload samples its loop delay from its readiness on
    if (workloadRunning) p.notify({ type: 'workload_start' });
    log.push({ type: 'agent_ready', t: p.readyAt, agent: launch.id, pid: p.pid, port: launch.port });
    return p;
  };

  try {
    ctx.onPhase('starting', `${scenario.agents.length} agents`);
    // Network faults need a fault proxy on every link, and so does metering users' agents (their
    // callers go through it); opened first so agent ports cannot collide with it.
    if (needsProxy(scenario) || userAgents.size > 0)
      fabric = await NetworkFabric.open(cellLinks(monitors, clientTargetIds(scenario)), cell.seed);
    if (fabric && userAgents.size > 0)
      taps = await UserAgentTaps.open(
        userAgents,
        scenario.agents.map((a) => a.id),
        fabric,
        log,
        started,
      );
    if (fabric) fabric.onMessage = (hit) => log.push(messageFaultEvent(hit));
    const ports = await freePorts(scenario.agents.length);
    fabric?.setTargets(new Map(scenario.agents.map((a, i) => [a.id, ports[i]])));
    const launches = buildLaunches({
      scenario,
      protocol: cell.protocol,
      seed: cell.seed,
      ports,
      workspaceRoot: ctx.workspaceRoot,
      peers: monitors,
      peerUrl: fabric && ((from, to) => fabric!.urlFor(from, to)),
      eventsUrl: taps && ((id) => taps!.eventsUrl(id)),
    });
    const startResults = await startAll(launches, start);
    const failed = startResults.flatMap((r, i) =>
      r.status === 'rejected' ? [{ agent: launches[i].id, error: r.reason }] : [],
    );
    if (failed.length > 0) return await finish('inconclusive', summarizeStartFailures(failed, launches.length));
    if (ctx.signal.aborted) return await finish('inconclusive', 'interrupted');

    const stall = parseTestStall(process.env[TEST_STALL_ENV]);
    driver = makeDriver(cell, protocol, launches, log, ctx.signal, fabric);
    // start-up, outside every measured interval: the runner's client code must not be cold at t=0
    await driver.warmUp(new Set(launches.filter((l) => l.config).map((l) => l.id)));
    if (ctx.signal.aborted) return await finish('inconclusive', 'interrupted');
    driver.startMonitor();
    // still start-up: the warm-up's replies and closes are worked off before the clock starts
    await settle({ signal: ctx.signal });
    if (ctx.signal.aborted) return await finish('inconclusive', 'interrupted');
    ctx.onPhase('running', `${scenario.agents.length} agents up`);
    t0 = monotonicMs();
    driver.setOrigin(t0);
    loopDelay.start();
    workloadRunning = true;
    for (const p of procs.values()) p.notify({ type: 'workload_start' });
    cancelStall = scheduleTestStall(stall, t0);
    const workload = new WorkloadTracker(expandFaults(scenario.faults).length, ctx.onWorkload);
    workload.begin();

    const world = {
      scenario,
      agentIds: scenario.agents.map((a) => a.id),
      processes: procs,
      random: seededRandom(cell.seed),
      fabric,
    };
    const faultRuns = runFaultSchedule({
      t0,
      procs,
      world,
      launches,
      log,
      faults,
      problems,
      start,
      driver,
      signal: ctx.signal,
      onFault: ctx.onFault,
      workload,
    });
    await driver.run(scenario.durationMs);
    // The last task is issued half a period before the end and may be answered before it: teardown
    // (agents closing their servers on SIGTERM) must not begin inside the workload window, where a
    // peer's refused heartbeat would count as a false suspicion.
    await waitUntil(t0 + scenario.durationMs, ctx.signal);
    // The last sample covers the workload's tail and the stragglers' answers.
    loopDelay.sample();
    loopDelay.stop();
    log.push({ type: 'run_end', t: t0 + scenario.durationMs });
    await faultRuns;
    if (ctx.signal.aborted) return await finish('inconclusive', 'interrupted');
    return await finish(problems.length ? 'inconclusive' : 'completed', problems.join('; ') || undefined);
  } catch (err) {
    return await finish('inconclusive', (err as Error).message);
  }

  async function finish(status: CellRun['status'], reason?: string): Promise<CellRun> {
    ctx.onPhase('stopping');
    cancelStall();
    loopDelay.stop();
    driver?.close();
    await Promise.all([...procs.values()].map((p) => p.stop(STOP_GRACE_MS)));
    // whatever the agents started outside their process groups (a setsid daemon) goes too
    ctx.reaper.sweepCell(hooks.cellTag!);
    // after the agents are gone: their SIGTERM handlers' last reports and traffic still count
    const warnings = (await taps?.close()) ?? [];
    await fabric?.close();
    return {
      status,
      reason,
      history: log.finalize(t0),
      faults,
      agents: scenario.agents.map((a) => ({
        id: a.id,
        pid: procs.get(a.id)?.pid ?? null,
        port: procs.get(a.id)?.launch.port ?? null,
      })),
      monitors,
      durationMs: monotonicMs() - started,
      warnings,
    };
  }
}

/** The history event of a message a message fault acted on. */
function messageFaultEvent({ rule, fields, reply, from, to }: MessageHit): HistoryEvent {
  return {
    type: 'message_fault',
    t: monotonicMs(),
    fault: rule.fault,
    action: rule.action,
    from,
    to,
    message_type: rule.messageType,
    message: fields.id,
    task: fields.task,
    step: fields.step,
    ...(reply ? { reply } : {}),
  };
}

/** Ids of the agents the client sends to: the members of the first flow step's group. */
function clientTargetIds(scenario: Cell['scenario']): string[] {
  const first = scenario.workload.messageFlow[0];
  return scenario.agents.filter((a) => a.group === first.to).map((a) => a.id);
}

function makeDriver(
  cell: Cell,
  protocol: Protocol,
  launches: AgentLaunch[],
  log: HistoryLog,
  signal: AbortSignal,
  fabric?: NetworkFabric,
): Driver {
  const { scenario } = cell;
  const first = scenario.workload.messageFlow[0];
  const members = scenario.agents.filter((a) => a.group === first.to);
  const targets = members.map((a) => ({
    id: a.id,
    url: fabric?.urlFor('client', a.id) ?? `http://127.0.0.1:${launches.find((l) => l.id === a.id)!.port}`,
    protocolVersion: scenario.groups.find((g) => g.name === a.group)?.protocolVersion,
  }));
  const group = scenario.groups.find((g) => g.name === first.to);
  const tool = group?.tool ? scenario.tools[group.tool] : undefined;
  const answersFromData = tool && (tool.kind === 'shard_lookup' || (tool.kind === 'llm' && tool.model === 'stub'));
  let questions: QuestionBook | undefined;
  if (answersFromData && members.every((m) => m.dataFile)) {
    const shards = new Map<string, ShardRecord[]>(members.map((m) => [m.id, readShard(m.dataFile!)]));
    questions = new QuestionBook(shards, cell.seed);
  }
  return new Driver({ scenario, protocol, targets, questions, record: (e) => log.push(e), signal });
}

/** The workspace folder of a cell under the output directory. */
export function cellWorkspaceRoot(outputDir: string, cell: Cell): string {
  const slug =
    cell.scenario.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'scenario';
  return join(outputDir, 'workspaces', slug, cell.repeat ? `${cell.protocol}-r${cell.repeat}` : cell.protocol);
}
