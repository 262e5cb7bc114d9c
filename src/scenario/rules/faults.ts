/**
 * Semantic rules of `faults:`: repetition keys that fit together, every occurrence (and its end:
 * `for`, `restart_after`) inside `duration`, and never more victims than the targeted agents.
 */
import type { Ctx } from '../read.js';
import type { Roster } from '../roster.js';
import { carriersOf } from '../message-types.js';
import type { FaultSpec, FlowStep, ProcessFault } from '../types.js';
import { formatMs } from '../units.js';
import { didYouMean } from '../../util/did-you-mean.js';

/** How long one occurrence lasts: the pause, the cut, or the time until victims restart. */
function effectMs(f: FaultSpec): number | undefined {
  return f.kind === 'kill' ? (f.signal === 'SIGSTOP' ? f.forMs : f.restartAfterMs) : f.forMs;
}

function checkRepetition(ctx: Ctx, f: FaultSpec): void {
  const base = ['faults', f.index];
  if (f.everyMs !== undefined && f.times < 2) {
    ctx.sink.add({
      path: [...base, 'every'],
      at: 'key',
      code: 'every-needs-times',
      message: `every: ${formatMs(f.everyMs)} repeats the fault, so it needs times: 2 or more`,
      hint: 'add times: 3 (occurrences in all)',
    });
  } else if (f.everyMs === undefined && f.times > 1) {
    ctx.sink.add({
      path: [...base, 'times'],
      at: 'key',
      code: 'times-needs-every',
      message: `times: ${f.times} needs every: <duration> (the gap between occurrences)`,
      hint: 'add every: 4s',
    });
  } else if (f.everyMs === 0) {
    ctx.sink.add({ path: [...base, 'every'], code: 'bad-duration', message: 'every must be longer than 0ms' });
  }
  if (f.kind === 'kill' && f.forMs !== undefined && f.signal !== 'SIGSTOP') {
    ctx.sink.add({
      path: [...base, 'for'],
      at: 'key',
      code: 'for-without-sigstop',
      message: `for: only applies to SIGSTOP pauses and network faults; a ${f.signal} victim does not come back by itself`,
      hint: 'use signal: SIGSTOP for a hung agent, or restart_after: <duration> to restart killed agents',
    });
  }
  if (f.kind === 'kill' && f.signal === 'SIGSTOP' && f.restartAfterMs !== undefined) {
    ctx.sink.add({
      path: [...base, 'restart_after'],
      at: 'key',
      code: 'restart-with-sigstop',
      message: 'restart_after applies to killed agents; a SIGSTOP victim resumes (SIGCONT) after for:',
      hint: 'use for: <duration> instead',
    });
  }
  if (f.kind !== 'kill' && f.forMs === 0)
    ctx.sink.add({ path: [...base, 'for'], code: 'bad-duration', message: 'for must be longer than 0ms' });
  const effect = effectMs(f);
  if (f.everyMs && effect !== undefined && effect >= f.everyMs) {
    const key = f.kind === 'kill' && f.signal !== 'SIGSTOP' ? 'restart_after' : 'for';
    ctx.sink.add({
      path: [...base, key],
      code: 'for-exceeds-every',
      message: `${key}: ${formatMs(effect)} must be shorter than every: ${formatMs(f.everyMs)}, or one occurrence overlaps the next`,
    });
  }
}

function checkInsideRun(ctx: Ctx, f: FaultSpec, durationMs: number): void {
  const base = ['faults', f.index];
  const effect = effectMs(f);
  for (let k = 0; k < f.times; k++) {
    const t = f.atMs + k * (f.everyMs ?? 0);
    const which = f.times > 1 ? `occurrence ${k + 1} of ${f.times}` : 'the fault';
    if (t >= durationMs) {
      ctx.sink.add({
        path: [...base, k === 0 ? 'at' : 'times'],
        code: 'fault-after-duration',
        message: `${which} starts at ${formatMs(t)}, after the run ends (duration: ${formatMs(durationMs)})`,
        hint:
          k === 0
            ? `move at: before ${formatMs(durationMs)} or make duration longer`
            : `use times: ${k} or a longer duration`,
      });
      return;
    }
    if (effect !== undefined && t + effect > durationMs) {
      const key = f.kind === 'kill' && f.signal !== 'SIGSTOP' ? 'restart_after' : 'for';
      ctx.sink.add({
        path: [...base, key],
        code: 'fault-after-duration',
        message: `${which} ends at ${formatMs(t + effect)} (${formatMs(t)} + ${key} ${formatMs(effect)}), after the run ends (duration: ${formatMs(durationMs)})`,
        hint: `shorten ${key} or make duration at least ${formatMs(t + effect)}`,
      });
      return;
    }
  }
}

function checkVictims(ctx: Ctx, roster: Roster, f: ProcessFault): void {
  const path = ['faults', f.index, 'kill'];
  const sel = f.select;
  const pool = roster.agents.filter((a) => !sel.of || a.group === sel.of).map((a) => a.id);
  const inPool = new Set(pool);
  const where = sel.of ? `group ${sel.of}` : 'the scenario';
  if (sel.ids) {
    const outside = sel.ids.filter((id) => !inPool.has(id));
    if (outside.length)
      ctx.sink.add({
        path,
        code: 'kill-outside-group',
        message: `${outside.join(', ')} ${outside.length > 1 ? 'are' : 'is'} not in ${where}`,
      });
  }
  const comesBack = f.restartAfterMs !== undefined || (f.signal === 'SIGSTOP' && f.forMs !== undefined);
  let live = pool.length;
  for (let k = 0; k < (comesBack ? 1 : f.times); k++) {
    const n = sel.ids
      ? k === 0
        ? sel.ids.length
        : Infinity
      : (sel.count ?? Math.ceil((sel.fraction ?? 0) * live - 1e-9));
    if (n > live) {
      const agents = `${live} ${k === 0 ? '' : 'live '}agent${live === 1 ? '' : 's'} in ${where}`;
      let message = `kill: ${n} exceeds the ${agents}`;
      if (k > 0 && sel.ids)
        message = `occurrence ${k + 1} would kill ${sel.ids.join(', ')} again, but victims stay dead without restart_after`;
      else if (k > 0)
        message = `occurrence ${k + 1} needs ${n} victim${n === 1 ? '' : 's'} but only ${agents} remain (earlier victims stay dead without restart_after)`;
      ctx.sink.add({
        path: k === 0 ? path : ['faults', f.index, 'times'],
        code: 'kill-exceeds-group',
        message,
        hint:
          k === 0
            ? `use kill: ${live} or fewer${sel.of ? '' : ', or of: <group>'}`
            : 'add restart_after: <duration>, or fewer times',
      });
      return;
    }
    live -= n;
  }
}

function checkSides(ctx: Ctx, f: FaultSpec): void {
  if (f.kind === 'partition') {
    const seen = new Map<string, number>();
    f.sides.forEach((side, i) => {
      for (const id of side) {
        if (seen.has(id))
          ctx.sink.add({
            path: ['faults', f.index, 'partition', i],
            code: 'partition-overlap',
            message: `${id === 'rest' ? 'rest' : `agent ${id}`} is on sides ${seen.get(id)} and ${i}; every agent is on one side`,
          });
        seen.set(id, i);
      }
    });
  }
}

/** A message fault names a message type of the flow; a reply (a step to client) cannot be duplicated. */
function checkMessage(ctx: Ctx, f: FaultSpec, flow: readonly FlowStep[]): void {
  if (f.kind !== 'message' || flow.length === 0) return;
  const path = ['faults', f.index, 'message', 'type'];
  const types = [...new Set(flow.map((s) => s.messageType))];
  const where = carriersOf(flow, f.messageType);
  if (where.requests.length === 0 && where.replies.length === 0) {
    ctx.sink.add({
      path,
      code: 'unknown-message-type',
      message: `message type "${f.messageType}" is not carried by any step of the message_flow${types.includes(f.messageType) ? ' that reaches the wire' : ''}`,
      hint: didYouMean(f.messageType, types) ?? `the flow's message types: ${types.join(', ')}`,
    });
  } else if (f.action === 'duplicate' && where.requests.length === 0) {
    ctx.sink.add({
      path: ['faults', f.index, 'message', 'duplicate'],
      at: 'key',
      code: 'duplicate-reply',
      message: `"${f.messageType}" travels back as the reply to "${where.replies.join('", "')}", and one request gets one reply; a reply cannot be delivered twice`,
      hint: `duplicate the request instead: message: { type: ${where.replies[0]}, duplicate: … }`,
    });
  }
}

/** Run every fault rule; `durationMs` undefined (invalid) skips the timing checks. */
export function checkFaults(
  ctx: Ctx,
  roster: Roster,
  faults: FaultSpec[],
  durationMs: number | undefined,
  flow: readonly FlowStep[] = [],
): void {
  for (const f of faults) {
    checkMessage(ctx, f, flow);
    checkRepetition(ctx, f);
    if (durationMs !== undefined) checkInsideRun(ctx, f, durationMs);
    if (f.kind === 'kill') checkVictims(ctx, roster, f);
    checkSides(ctx, f);
  }
}
