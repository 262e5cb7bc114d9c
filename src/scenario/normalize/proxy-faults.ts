/**
 * Normalize the fault kinds that act through the fault proxy beyond partitions and degraded links:
 * `reset`, `blackhole`, `bandwidth` and `message`. Whether a message type exists in the flow is a
 * semantic rule (rules/faults.ts): the flow is normalized separately.
 */
import { asMap, asString, readByteRate, readDuration, readFraction, type Ctx } from '../read.js';
import { RAW_MESSAGE_FAULT_KEYS } from '../raw-types.js';
import { resolveName, type Roster } from '../roster.js';
import type { FaultSpec, MessageAction } from '../types.js';

type ProxyKind = 'reset' | 'blackhole' | 'bandwidth' | 'message';
type Common = { index: number; atMs: number; everyMs?: number; times: number; loc: FaultSpec['loc']; forMs: number };

const MESSAGE_ACTIONS: readonly MessageAction[] = ['drop', 'delay', 'duplicate', 'corrupt'];

/** Agent ids named by `v` (an id, a group, `rest`, or a list of them), without repeats. */
export function resolveList(ctx: Ctx, roster: Roster, v: unknown, path: (string | number)[]): string[] {
  const names =
    typeof v === 'string' ? [[v, path] as const] : Array.isArray(v) ? v.map((n, i) => [n, [...path, i]] as const) : [];
  const ids: string[] = [];
  for (const [name, p] of names) {
    if (typeof name !== 'string') continue;
    if (name === 'rest') ids.push('rest');
    else ids.push(...(resolveName(ctx, roster, name, p, true) ?? []));
  }
  return [...new Set(ids)];
}

function needTarget(
  ctx: Ctx,
  roster: Roster,
  kind: ProxyKind,
  f: Record<string, unknown>,
  base: (string | number)[],
): string[] {
  if (f.target === undefined) {
    ctx.sink.add({
      path: base,
      code: 'missing-target',
      message: `a ${kind} fault needs target: <agent id or group, or a list>`,
      hint: 'e.g. target: worker-3',
    });
    return [];
  }
  return resolveList(ctx, roster, f.target, [...base, 'target']);
}

/** Normalize one reset / blackhole / bandwidth / message fault. */
export function normalizeProxyFault(
  ctx: Ctx,
  roster: Roster,
  kind: ProxyKind,
  f: Record<string, unknown>,
  common: Common,
): FaultSpec | undefined {
  const base = ['faults', common.index];
  if ((kind === 'blackhole' || kind === 'message') && f.target !== undefined) {
    ctx.sink.add({
      path: [...base, 'target'],
      at: 'key',
      code: 'target-not-used',
      message:
        kind === 'blackhole'
          ? 'a blackhole names its hosts itself: blackhole: [ids]'
          : 'a message fault acts on every link; its message type selects what it hits',
      hint: kind === 'blackhole' ? 'move the ids into blackhole: [...]' : 'remove target:',
    });
  }
  if (kind === 'reset') {
    const share = readFraction(ctx, f.reset, [...base, 'reset']);
    if (share === 0)
      ctx.sink.add({
        path: [...base, 'reset'],
        code: 'bad-fraction',
        message: 'reset: 0% resets nothing',
        hint: 'e.g. reset: 50%',
      });
    return { ...common, kind, share: share ?? 0, target: needTarget(ctx, roster, kind, f, base) };
  }
  if (kind === 'blackhole') {
    if (Array.isArray(f.blackhole) && f.blackhole.length === 0) {
      ctx.sink.add({
        path: [...base, 'blackhole'],
        code: 'missing-target',
        message: 'blackhole: [] names no agent',
        hint: 'e.g. blackhole: [worker-3]',
      });
    }
    const target = resolveList(ctx, roster, f.blackhole, [...base, 'blackhole']).filter((id) => id !== 'rest');
    return { ...common, kind, target };
  }
  if (kind === 'bandwidth') {
    const bytesPerSec = readByteRate(ctx, f.bandwidth, [...base, 'bandwidth']);
    return { ...common, kind, bytesPerSec: bytesPerSec ?? 1, target: needTarget(ctx, roster, kind, f, base) };
  }
  return normalizeMessage(ctx, f.message, common);
}

function normalizeMessage(ctx: Ctx, raw: unknown, common: Common): FaultSpec | undefined {
  const path = ['faults', common.index, 'message'];
  const m = asMap(raw);
  const messageType = asString(m?.type);
  if (!m || messageType === undefined) return undefined; // the schema check reported the shape
  const actions = MESSAGE_ACTIONS.filter((a) => m[a] !== undefined);
  // a misspelt action is already reported as an unknown key, with its did-you-mean
  if (actions.length === 0 && Object.keys(m).some((k) => !(k in RAW_MESSAGE_FAULT_KEYS))) return undefined;
  if (actions.length !== 1) {
    ctx.sink.add({
      path,
      code: 'message-action',
      message: actions.length
        ? `a message fault does one thing; this one has ${actions.join(' and ')}`
        : 'a message fault needs one of drop, delay, duplicate, corrupt',
      hint: actions.length ? 'split it into one fault per action' : `e.g. message: { type: ${messageType}, drop: 20% }`,
    });
    return undefined;
  }
  const action = actions[0];
  if (action === 'delay') {
    const delayMs = readDuration(ctx, m.delay, [...path, 'delay']);
    if (delayMs === 0)
      ctx.sink.add({ path: [...path, 'delay'], code: 'bad-duration', message: 'delay must be longer than 0ms' });
    return { ...common, kind: 'message', messageType, action, share: 1, delayMs: delayMs ?? 0 };
  }
  const share = readFraction(ctx, m[action], [...path, action]);
  if (share === 0)
    ctx.sink.add({
      path: [...path, action],
      code: 'bad-fraction',
      message: `${action}: 0% does nothing`,
      hint: `e.g. ${action}: 20%`,
    });
  return { ...common, kind: 'message', messageType, action, share: share ?? 0 };
}
