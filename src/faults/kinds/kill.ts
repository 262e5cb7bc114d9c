/**
 * `kill` (SIGKILL, SIGTERM) and pause (SIGSTOP): signal the victims' process groups, verify from the
 * kernel's side — the process exited, or /proc shows it stopped — and SIGCONT a pause at its end.
 * Restarts are the schedule's job: they need the runner's launcher, not a signal.
 */
import { candidatesOf, chooseVictims } from '../../plan/timeline.js';
import type { ProcessFault } from '../../scenario/types.js';
import { groupMembersOf } from '../../util/process-group.js';
import type { FaultKind, SignalTarget } from './types.js';

/** How long a signal may take to show its effect before the fault counts as unverified. */
const VERIFY_TIMEOUT_MS = 3000;

export const killFault: FaultKind<ProcessFault> = {
  usesProxy: false,

  apply(spec, occurrence, world) {
    const live = candidatesOf(world.scenario, spec.select).filter((id) => {
      const p = world.processes.get(id);
      return p?.alive === true && !p.isStopped();
    });
    const victims = chooseVictims(spec.select, live, world.random).map((id) => world.processes.get(id)!);
    // every process a group signal reaches, read (in one pass) before the signal: afterwards it is
    // gone. A pass reads every /proc entry, so agents known to be alone in their group are skipped.
    const groups = groupMembersOf(victims.filter((v) => !v.soleProcess).map((v) => v.pid));
    const pids = victims.flatMap((v) => groups.get(v.pid) ?? [v.pid]);
    const unsent = victims.filter((v) => !v.signal(spec.signal)).map((v) => v.id);
    return {
      kind: spec.signal === 'SIGSTOP' ? 'pause' : 'kill',
      occurrence,
      victims: victims.map((v) => v.id),
      pids,
      signal: spec.signal,
      processes: victims,
      ...(unsent.length ? { unreached: unsent } : {}),
    };
  },

  async evidence(applied, spec) {
    const hit = applied.processes ?? [];
    if (hit.length === 0) return { verified: false, detail: 'no live agent to hit' };
    const checks = await Promise.all(
      hit.map(async (v) => {
        if (applied.unreached?.includes(v.id)) return `${v.id} (pid ${v.pid}) could not be signalled`;
        const ok = spec.signal === 'SIGSTOP' ? await waitStopped(v) : await v.waitExit(VERIFY_TIMEOUT_MS);
        return ok
          ? null
          : `${v.id} (pid ${v.pid}) still ${spec.signal === 'SIGSTOP' ? 'running' : 'alive'} ${VERIFY_TIMEOUT_MS} ms after ${spec.signal}`;
      }),
    );
    const problems = checks.filter((c): c is string => c !== null);
    return { verified: problems.length === 0, detail: problems.join('; ') || undefined };
  },

  lift(applied) {
    if (applied.signal === 'SIGSTOP') for (const v of applied.processes ?? []) v.signal('SIGCONT');
  },
};

/** Poll /proc until the process shows state T (stopped), bounded. */
async function waitStopped(v: SignalTarget): Promise<boolean> {
  const deadline = Date.now() + VERIFY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (v.isStopped()) return true;
    await new Promise((r) => setTimeout(r, 2));
  }
  return false;
}
