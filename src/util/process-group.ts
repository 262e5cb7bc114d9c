/**
 * A process group as the kernel sees it (Linux /proc). Teardown waits until every member of an
 * agent's group has exited — not only the process storm started — before it falls back to SIGKILL,
 * and the fault timeline lists every member a signal reached.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Poll interval while waiting for a group to empty: one kill(2), fine enough for a 1 s grace. */
const POLL_MS = 25;
/** The /proc scan that discounts zombies reads every process's stat: only every this many polls. */
const SCAN_EVERY = 8;

/** State and process group of a pid from /proc/<pid>/stat, or null when it is gone. */
function statOf(pid: string): { state: string; pgrp: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name may contain spaces and parentheses: fields start after the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], pgrp: Number(fields[2]) };
  } catch {
    return null;
  }
}

/** Live (non-zombie) members of process group `pgid`, sorted; the leader first when alive. */
export function groupMembers(pgid: number): number[] {
  return groupMembersOf([pgid]).get(pgid) ?? [];
}

/**
 * Live members of several process groups in one pass over /proc (a pass costs ~50 µs per process on
 * a loaded machine, and a fault reads its victims' groups just before it signals them).
 */
export function groupMembersOf(pgids: readonly number[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const wanted = new Set(pgids.filter((g) => g > 0 && groupExists(g)));
  if (wanted.size === 0) return out;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    for (const g of wanted) out.set(g, [g]);
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const s = statOf(e);
    if (!s || s.state === 'Z' || !wanted.has(s.pgrp)) continue;
    out.set(s.pgrp, [...(out.get(s.pgrp) ?? []), Number(e)]);
  }
  for (const [g, pids] of out) pids.sort((a, b) => (a === g ? -1 : b === g ? 1 : a - b));
  return out;
}

/** Does any process (zombies included) still belong to the group? kill(-pgid, 0) asks the kernel. */
function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    // ESRCH: empty; EPERM: the pgid was reused by someone else's process — not our agent any more
    return false;
  }
}

/**
 * Resolve true once no live process is left in the group, false after `timeoutMs`. A zombie that no
 * one reaps (an orphan under a PID 1 that does not wait) has finished its work and does not count.
 */
export async function waitGroupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let poll = 1; ; poll++) {
    if (!groupExists(pgid)) return true;
    if (poll % SCAN_EVERY === 0 && groupMembers(pgid).length === 0) return true;
    if (Date.now() >= deadline) return groupMembers(pgid).length === 0;
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
  }
}
