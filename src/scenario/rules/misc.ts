/** Semantic rules across sections: protocol pins and per-protocol rules, heartbeat, warmup. */
import type { Ctx } from '../read.js';
import type { AgentGroup, ExpectRule, ProtocolName } from '../types.js';
import { formatMs } from '../units.js';

/** Group pins must leave at least one protocol to run, and per-protocol rules must name a protocol that runs. */
export function checkProtocols(
  ctx: Ctx,
  protocols: ProtocolName[],
  explicit: boolean,
  groups: AgentGroup[],
  rules: ExpectRule[],
  rawExpect: unknown,
): void {
  const pins = [...new Set(groups.flatMap((g) => (g.protocol ? [g.protocol] : [])))];
  if (pins.length > 1) {
    const g = groups.filter((x) => x.protocol)[1];
    ctx.sink.add({
      path: ['agents', g.name, 'protocol'],
      code: 'conflicting-pins',
      message: `groups pin different protocols (${pins.join(', ')}); no protocol could run them all`,
      hint: 'pin every group to the same protocol, or split the scenario',
    });
  } else if (pins.length === 1 && explicit && !protocols.includes(pins[0])) {
    const g = groups.find((x) => x.protocol)!;
    ctx.sink.add({
      path: ['agents', g.name, 'protocol'],
      code: 'pin-not-in-protocols',
      message: `group "${g.name}" speaks ${pins[0]}, which is not in protocols: [${protocols.join(', ')}]`,
      hint: `add ${pins[0]} to protocols`,
    });
  }
  const items = Array.isArray(rawExpect) ? rawExpect : [];
  items.forEach((item, i) => {
    const p = (item as { protocol?: unknown } | null)?.protocol;
    if (typeof p !== 'string' || !rules.some((r) => r.protocol === p)) return;
    const runs = pins.length === 1 ? [pins[0]] : protocols;
    if (!runs.includes(p as ProtocolName)) {
      ctx.sink.add({
        path: ['expect', i, 'protocol'],
        code: 'rule-protocol-not-run',
        message: `this rule is for ${p}, but the scenario only runs ${runs.join(', ')}; it would never be checked`,
        hint: `add ${p} to protocols, or remove the rule`,
      });
    }
  });
}

/** interval < timeout, and both > 0. */
export function checkHeartbeat(ctx: Ctx, intervalMs: number, timeoutMs: number): void {
  if (intervalMs <= 0)
    ctx.sink.add({
      path: ['heartbeat', 'interval'],
      code: 'bad-duration',
      message: 'interval must be longer than 0ms',
    });
  else if (timeoutMs <= intervalMs) {
    ctx.sink.add({
      path: ['heartbeat', 'timeout'],
      code: 'heartbeat-timeout',
      message: `timeout (${formatMs(timeoutMs)}) must be longer than interval (${formatMs(intervalMs)}), or every peer looks dead between two heartbeats`,
      hint: `e.g. timeout: ${formatMs(intervalMs * 4)}`,
    });
  }
}

/**
 * The warmup: as written it must end before the first fault and the end of the run; by default 1s,
 * shortened to half the time before an early first fault so a baseline still exists.
 */
export function resolveWarmup(
  ctx: Ctx,
  written: number | undefined,
  firstFaultMs: number | undefined,
  durationMs: number | undefined,
): number {
  if (written !== undefined) {
    if (firstFaultMs !== undefined && written >= firstFaultMs) {
      ctx.sink.add({
        path: ['warmup'],
        code: 'warmup-after-fault',
        message: `warmup (${formatMs(written)}) must end before the first fault at ${formatMs(firstFaultMs)}, or there is no pre-fault baseline`,
        hint: `e.g. warmup: ${formatMs(Math.floor(firstFaultMs / 2))}`,
      });
    } else if (durationMs !== undefined && written >= durationMs) {
      ctx.sink.add({
        path: ['warmup'],
        code: 'warmup-after-end',
        message: `warmup (${formatMs(written)}) must be shorter than duration (${formatMs(durationMs)})`,
      });
    }
    return written;
  }
  let warmup = 1000;
  if (firstFaultMs !== undefined && firstFaultMs <= warmup) warmup = Math.floor(firstFaultMs / 2);
  if (durationMs !== undefined && durationMs <= warmup) warmup = Math.floor(durationMs / 2);
  return warmup;
}
