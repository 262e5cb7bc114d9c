/** `storm plan <file>`: print the resolved timeline per protocol — victims, times, thresholds. */
import { relative } from 'node:path';
import { applicableRules } from '../../assert/index.js';
import { planCells } from '../../plan/plan.js';
import { planTimeline, type PlannedFault } from '../../plan/timeline.js';
import { formatIssue, loadScenarioFile } from '../../scenario/index.js';
import {
  PROTOCOL_NAMES,
  type BandwidthFault,
  type BlackholeFault,
  type MessageFault,
  type ProtocolName,
  type ResetFault,
  type Scenario,
} from '../../scenario/types.js';
import { EXIT } from '../../model/exit-codes.js';
import { usageError } from './usage.js';

/** Run `storm plan`; resolves with the exit code. */
export async function runPlanCommand(
  file: string,
  o: { protocol?: string[]; seed?: string; repeat?: string },
): Promise<number> {
  const cwd = process.cwd();
  for (const p of o.protocol ?? []) {
    if (!(PROTOCOL_NAMES as readonly string[]).includes(p))
      return usageError(`unknown protocol "${p}"`, PROTOCOL_NAMES, p);
  }
  const seed = o.seed === undefined ? undefined : Number(o.seed);
  if (seed !== undefined && !Number.isInteger(seed)) return usageError(`--seed expects an integer, got "${o.seed}"`);
  const repeat = o.repeat === undefined ? 1 : Number(o.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) return usageError(`--repeat expects an integer ≥ 1, got "${o.repeat}"`);
  const loaded = await loadScenarioFile(file);
  if (!loaded.scenario) {
    for (const issue of loaded.issues) process.stderr.write(`${formatIssue(issue, cwd)}\n`);
    return EXIT.usage;
  }
  const s = loaded.scenario;
  const plan = planCells([{ file: relative(cwd, s.file), scenario: s }], {
    protocols: o.protocol as ProtocolName[] | undefined,
    seed,
    repeat,
  });
  const lines: string[] = [header(s)];
  for (const cell of plan.cells) {
    lines.push('', `[${cell.protocol}${repeat > 1 ? ` #r${cell.repeat}` : ''}]  seed ${cell.seed}`);
    lines.push(...timelineLines(planTimeline(s, cell.seed)));
    const rules = applicableRules(s.expect, cell.protocol);
    lines.push(
      '  expect:',
      ...(rules.length
        ? rules.map((r) => `    ${r.source}${r.protocol ? `   (only ${r.protocol})` : ''}`)
        : ['    (none)']),
    );
  }
  for (const sk of plan.skipped) lines.push('', `[${sk.protocol}]  skipped: ${sk.reason}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

function header(s: Scenario): string {
  const groups = s.groups
    .map((g) => `${g.name}×${g.count} (${g.tool ? `tool ${g.tool}` : `command, ${g.protocol ?? 'any protocol'}`})`)
    .join(', ');
  const w = s.workload;
  const load = w.concurrency ? `concurrency ${w.concurrency}` : `${w.ratePerSec}/s`;
  return [
    `${s.name}`,
    `  duration ${secs(s.durationMs)}, warmup ${secs(s.warmupMs)}, heartbeat ${s.heartbeat.intervalMs} ms / timeout ${s.heartbeat.timeoutMs} ms, topology ${s.topology}`,
    `  agents: ${groups}`,
    `  workload: ${load}, flow ${w.messageFlow.map((f) => `${f.from}→${f.to}`).join(', ')}`,
  ].join('\n');
}

function timelineLines(faults: PlannedFault[]): string[] {
  if (faults.length === 0) return ['  no faults'];
  return faults.flatMap((f) => {
    const spec = f.spec;
    if (spec.kind === 'partition') {
      const sides = spec.sides.map((side) => `[${side.join(', ')}]`).join(' | ');
      return [`  t=${secs(f.atMs)}  partition ${sides}`, `  t=${secs(f.untilMs ?? f.atMs)}  heal`];
    }
    if (spec.kind === 'network') {
      const rule = [
        `latency ${spec.latencyMs} ms`,
        spec.jitterMs ? `jitter ${spec.jitterMs} ms` : '',
        spec.loss ? `loss ${(spec.loss * 100).toFixed(0)}%` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return [
        `  t=${secs(f.atMs)}  ${rule} on every link of ${spec.target.join(', ')}`,
        `  t=${secs(f.untilMs ?? f.atMs)}  lifted`,
      ];
    }
    if (spec.kind !== 'kill')
      return [`  t=${secs(f.atMs)}  ${describeProxyFault(spec)}`, `  t=${secs(f.untilMs ?? f.atMs)}  lifted`];
    const out = [`  t=${secs(f.atMs)}  ${spec.signal} ${f.victims.join(', ') || '(no live agent)'}`];
    if (f.untilMs !== undefined && spec.signal === 'SIGSTOP')
      out.push(`  t=${secs(f.untilMs)}  SIGCONT ${f.victims.join(', ')}`);
    if (f.restartAtMs !== undefined) out.push(`  t=${secs(f.restartAtMs)}  restart ${f.victims.join(', ')}`);
    return out;
  });
}

/** One line for a reset, blackhole, bandwidth or message fault. */
function describeProxyFault(spec: ResetFault | BlackholeFault | BandwidthFault | MessageFault): string {
  const pct = (x: number): string => `${+(x * 100).toFixed(2)}%`;
  if (spec.kind === 'reset') return `reset ${pct(spec.share)} of requests into ${spec.target.join(', ')}`;
  if (spec.kind === 'blackhole') return `blackhole ${spec.target.join(', ')} (accept, never answer)`;
  if (spec.kind === 'bandwidth')
    return `bandwidth ${spec.bytesPerSec} B/s each way on every link of ${spec.target.join(', ')}`;
  const how = spec.action === 'delay' ? `delay ${spec.delayMs} ms` : `${spec.action} ${pct(spec.share)}`;
  return `message ${spec.messageType}: ${how} (every link, seeded draws)`;
}

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(2)}s`;
}
