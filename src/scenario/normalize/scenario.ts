/**
 * Stages 3–4: raw data → Scenario (defaults filled, units parsed, names resolved), then the semantic
 * rules. Works on data the schema may have rejected: whatever cannot be read is skipped (the schema
 * already said why) so every other problem of the file is still found.
 */
import { dirname } from 'node:path';
import { expandAgents, normalizeGroups } from './agents.js';
import { normalizeExpect } from './expect.js';
import { normalizeFaults } from './faults.js';
import { normalizeRegression } from './regression.js';
import { normalizeTools } from './tools.js';
import { normalizeBaselineHealth, normalizeHarnessBounds, normalizeMetricSettings } from './settings.js';
import { checkTasksPerRun, normalizeWorkload } from './workload.js';
import { atMost, LIMIT_REASONS, MAX_RUN_MS } from '../limits.js';
import { describeValue } from '../units.js';
import { asInt, asMap, asString, locOf, readDuration, type Ctx } from '../read.js';
import { makeRoster } from '../roster.js';
import { checkFiles } from '../rules/files.js';
import { checkFaults } from '../rules/faults.js';
import { checkFlow } from '../rules/flow.js';
import { checkHeartbeat, checkProtocols, resolveWarmup } from '../rules/misc.js';
import { PROTOCOL_NAMES, type ProtocolName, type Scenario, type Topology } from '../types.js';

const TOPOLOGIES: readonly Topology[] = ['mesh', 'ring', 'star'];

/** `duration`: longer than 0ms and at most MAX_RUN_MS; undefined when missing or invalid (reported). */
function readRunDuration(ctx: Ctx, v: unknown): number | undefined {
  const ms = readDuration(ctx, v, ['duration']);
  if (ms === 0) ctx.sink.add({ path: ['duration'], code: 'bad-duration', message: 'duration must be longer than 0ms' });
  if (ms === undefined || ms <= MAX_RUN_MS) return ms;
  ctx.sink.add({ path: ['duration'], code: 'over-limit', message: atMost('24h', describeValue(v), LIMIT_REASONS.run) });
  return undefined;
}

/** Build the normalized scenario from raw data and run the semantic rules; issues go to ctx.sink. */
export function normalizeScenario(ctx: Ctx, raw: Record<string, unknown>): Scenario {
  ctx.sink.stage = 'normalize';
  const rawProtocols = Array.isArray(raw.protocols) ? raw.protocols : undefined;
  const protocols = rawProtocols
    ? PROTOCOL_NAMES.filter((p) => rawProtocols.includes(p)).sort(
        (a, b) => rawProtocols.indexOf(a) - rawProtocols.indexOf(b),
      )
    : [...PROTOCOL_NAMES];
  const durationMs = readRunDuration(ctx, raw.duration);
  const heartbeatRaw = asMap(raw.heartbeat) ?? {};
  const heartbeat = {
    intervalMs: readDuration(ctx, heartbeatRaw.interval, ['heartbeat', 'interval']) ?? 250,
    timeoutMs: readDuration(ctx, heartbeatRaw.timeout, ['heartbeat', 'timeout']) ?? 1000,
  };
  const tools = normalizeTools(ctx, raw.tools);
  const groups = normalizeGroups(ctx, raw.agents, tools, Object.keys(asMap(raw.tools) ?? {}));
  const agents = expandAgents(ctx, groups);
  const roster = makeRoster(groups, agents);
  const workload = normalizeWorkload(ctx, raw.workload);
  checkTasksPerRun(ctx, workload, durationMs);
  const metrics = normalizeMetricSettings(ctx, raw.metrics, raw.workload);
  const faults = normalizeFaults(ctx, roster, raw.faults);
  const expect = normalizeExpect(ctx, raw.expect);
  const regression = normalizeRegression(ctx, raw.regression);
  const writtenWarmup = readDuration(ctx, raw.warmup, ['warmup']);

  ctx.sink.stage = 'semantic';
  const firstFault = faults.length ? Math.min(...faults.map((f) => f.atMs)) : undefined;
  const scenario: Scenario = {
    file: ctx.file,
    dir: dirname(ctx.file),
    name: asString(raw.name) ?? '',
    protocols: protocols as ProtocolName[],
    seed: asInt(raw.seed) ?? 1,
    durationMs: durationMs ?? 0,
    warmupMs: resolveWarmup(ctx, writtenWarmup, firstFault, durationMs),
    heartbeat,
    topology: TOPOLOGIES.includes(raw.topology as Topology) ? (raw.topology as Topology) : 'mesh',
    tools,
    groups,
    agents,
    workload,
    faults,
    expect,
    metrics,
    harness: normalizeHarnessBounds(ctx, raw.harness),
    baseline: normalizeBaselineHealth(ctx, raw.baseline),
    ...(regression.length ? { regression } : {}),
    loc: locOf(ctx, ['name'], 'key'),
  };
  const description = asString(raw.description);
  if (description !== undefined) scenario.description = description;
  checkHeartbeat(ctx, heartbeat.intervalMs, heartbeat.timeoutMs);
  checkFlow(ctx, roster, raw.workload);
  checkFaults(ctx, roster, faults, durationMs || undefined, workload.messageFlow);
  checkProtocols(ctx, scenario.protocols, rawProtocols !== undefined, groups, expect, raw.expect);
  checkFiles(ctx, groups, agents, tools);
  return scenario;
}
