/** Normalize `faults:` into one spec per kind (kill, partition, network, reset, …); names resolve to agent ids. */
import { atMost, LIMIT_REASONS, MAX_FAULTS, MAX_TIMES } from '../limits.js';
import { asMap, asString, locOf, readBounded, readDuration, readFraction, type Ctx } from '../read.js';
import { resolveName, type Roster } from '../roster.js';
import type { FaultSpec, Signal, VictimSelector } from '../types.js';
import { normalizeProxyFault, resolveList } from './proxy-faults.js';
import { RAW_FAULT_KEYS } from '../raw-types.js';
import { describeValue } from '../units.js';
import { didYouMean } from '../../util/did-you-mean.js';

const KIND_KEYS = {
  kill: ['kill', 'of', 'signal', 'restart_after'],
  partition: ['partition'],
  network: ['latency', 'jitter', 'loss'],
  reset: ['reset'],
  blackhole: ['blackhole'],
  bandwidth: ['bandwidth'],
  message: ['message'],
} as const;
type Kind = keyof typeof KIND_KEYS;

const KILL_SHAPE = `a fraction (30% or 0.3), a count (1, 2, …) or a list of agent ids`;

function kindsOf(f: Record<string, unknown>): Kind[] {
  return (Object.keys(KIND_KEYS) as Kind[]).filter((k) => KIND_KEYS[k].some((key) => f[key] !== undefined));
}

function selector(ctx: Ctx, roster: Roster, v: unknown, path: (string | number)[]): VictimSelector | undefined {
  const bad = (): undefined => {
    ctx.sink.add({ path, code: 'bad-kill', message: `expected ${KILL_SHAPE}, got ${describeValue(v)}` });
    return undefined;
  };
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 1) return { count: v };
    if (v > 0 && v < 1) return { fraction: v };
    return bad();
  }
  if (typeof v === 'string') {
    if (/^\s*[\d.]+\s*%\s*$/.test(v)) {
      const fraction = readFraction(ctx, v, path);
      if (fraction === undefined) return undefined;
      return fraction > 0 ? { fraction } : bad();
    }
    if (/^\s*[\d.]+\s*$/.test(v)) return selector(ctx, roster, Number(v), path);
    const ids = resolveName(ctx, roster, v, path, false);
    return ids && { ids };
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return bad();
    const ids: string[] = [];
    v.forEach((name, i) => {
      if (typeof name !== 'string') return;
      const got = resolveName(ctx, roster, name, [...path, i], false);
      if (got) ids.push(...got);
    });
    return { ids };
  }
  return bad();
}

/** Normalize one fault; undefined when it has no usable kind or start time. */
function normalizeFault(ctx: Ctx, roster: Roster, index: number, f: Record<string, unknown>): FaultSpec | undefined {
  const base = ['faults', index];
  const kinds = kindsOf(f);
  // a misspelt kind key (bandwith:) is already reported as an unknown key, with its did-you-mean
  if (kinds.length === 0 && Object.keys(f).some((k) => !(k in RAW_FAULT_KEYS))) return undefined;
  if (kinds.length === 0 && f.target !== undefined) {
    ctx.sink.add({
      path: base,
      code: 'fault-kind',
      message: 'a network fault needs latency, jitter or loss',
      hint: 'e.g. latency: 200ms — or reset: 50% or bandwidth: 64kb/s for the same target',
    });
    return undefined;
  }
  if (kinds.length !== 1) {
    ctx.sink.add({
      path: base,
      code: 'fault-kind',
      message: kinds.length
        ? `a fault is one thing at a time; this one mixes ${kinds.join(' and ')} keys`
        : 'a fault needs kill:, partition:, latency/jitter/loss, reset:, blackhole:, bandwidth: or message:',
      hint: kinds.length ? 'split it into one list item per fault' : 'e.g. - { at: 6s, kill: 30% }',
    });
    return undefined;
  }
  const atMs = readDuration(ctx, f.at, [...base, 'at']);
  if (atMs === undefined) return undefined;
  const common = {
    index,
    atMs,
    everyMs: readDuration(ctx, f.every, [...base, 'every']),
    times:
      readBounded(ctx, f.times, [...base, 'times'], {
        min: 1,
        max: MAX_TIMES,
        unit: 'occurrences',
        reason: LIMIT_REASONS.times,
      }) ?? 1,
    loc: locOf(ctx, base),
  };
  if (common.everyMs === undefined) delete common.everyMs;
  const forMs = readDuration(ctx, f.for, [...base, 'for']);
  const kind = kinds[0];
  if ((kind === 'kill' || kind === 'partition') && f.target !== undefined) {
    ctx.sink.add({
      path: [...base, 'target'],
      at: 'key',
      code: 'target-not-used',
      message: `target: does not apply to a ${kind} fault`,
      hint: kind === 'kill' ? 'name the victims in kill: [ids]' : 'name the sides in partition: [[ids], rest]',
    });
  }
  if (kind === 'kill') {
    const select = selector(ctx, roster, f.kill, [...base, 'kill']);
    if (!select) return undefined;
    const of = asString(f.of);
    if (of !== undefined) {
      if (roster.groups.has(of)) select.of = of;
      else
        ctx.sink.add({
          path: [...base, 'of'],
          code: 'unknown-group',
          message: `group "${of}" is not declared`,
          hint: didYouMean(of, roster.groups.keys()) ?? `groups: ${[...roster.groups.keys()].join(', ')}`,
        });
    }
    const spec: FaultSpec = {
      ...common,
      kind: 'kill',
      select,
      signal: (asString(f.signal) as Signal | undefined) ?? 'SIGKILL',
    };
    if (forMs !== undefined) spec.forMs = forMs;
    const restart = readDuration(ctx, f.restart_after, [...base, 'restart_after']);
    if (restart !== undefined) spec.restartAfterMs = restart;
    return spec;
  }
  if (forMs === undefined) {
    ctx.sink.add({
      path: base,
      code: 'missing-for',
      message: `a ${kind} fault needs for: <duration> (how long it lasts)`,
      hint: 'e.g. for: 2s',
    });
  }
  if (kind === 'partition') {
    const raw = Array.isArray(f.partition) ? f.partition : [];
    flatPartition(ctx, raw, [...base, 'partition']);
    const sides = raw.map((side, i) =>
      side === 'rest' ? ['rest'] : resolveList(ctx, roster, side, [...base, 'partition', i]),
    );
    return { ...common, kind: 'partition', sides, forMs: forMs ?? 0 };
  }
  if (kind !== 'network') return normalizeProxyFault(ctx, roster, kind, f, { ...common, forMs: forMs ?? 0 });
  if (f.target === undefined) {
    ctx.sink.add({
      path: base,
      code: 'missing-target',
      message: 'a network fault needs target: <agent id or group, or a list>',
      hint: 'e.g. target: worker-3',
    });
  }
  return {
    ...common,
    kind: 'network',
    latencyMs: readDuration(ctx, f.latency, [...base, 'latency']) ?? 0,
    jitterMs: readDuration(ctx, f.jitter, [...base, 'jitter']) ?? 0,
    loss: readFraction(ctx, f.loss, [...base, 'loss']) ?? 0,
    target: resolveList(ctx, roster, f.target, [...base, 'target']),
    forMs: forMs ?? 0,
  };
}

/** Normalize every fault, keeping the file's order; past MAX_FAULTS only the first ones (reported). */
export function normalizeFaults(ctx: Ctx, roster: Roster, raw: unknown): FaultSpec[] {
  const all = Array.isArray(raw) ? raw : [];
  if (all.length > MAX_FAULTS)
    ctx.sink.add({
      path: ['faults'],
      code: 'over-limit',
      message: atMost(`${MAX_FAULTS} faults`, String(all.length), LIMIT_REASONS.faults),
    });
  const list = all.slice(0, MAX_FAULTS);
  return list.flatMap((f, i) => {
    const m = asMap(f);
    const spec = m && normalizeFault(ctx, roster, i, m);
    return spec ? [spec] : [];
  });
}

/**
 * `partition: [a, b]` lists agents where sides belong: read literally it cuts a from b, which is
 * rarely what was meant (cut a and b off from the rest). Without `rest` and without any list it is
 * rejected, with both readings spelled out.
 */
function flatPartition(ctx: Ctx, raw: unknown[], path: (string | number)[]): void {
  if (raw.length === 0 || !raw.every((side) => typeof side === 'string') || raw.includes('rest')) return;
  const names = raw.join(', ');
  ctx.sink.add({
    path,
    code: 'partition-flat',
    message: `partition: [${names}] lists agents, not sides; each side is a list of agents or groups, or rest`,
    hint: `to cut ${names} off from the others write partition: [[${names}], rest]; for one side per entry write partition: [${raw.map((s) => `[${s}]`).join(', ')}]`,
  });
}
