/**
 * Processes found by a tag in their environment. Every agent process is started with
 * `STORM_RUN=<run id>` and `STORM_CELL=<run id>.<cell>`; children inherit the environment, so a
 * daemon that left the agent's process group (setsid, double fork) still carries the tag. Teardown
 * and the reaper kill by tag as well as by process group (Linux /proc; elsewhere this finds nothing).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Pids (other than this process) whose environment holds `name=value` exactly. */
export function findTagged(name: string, value: string): number[] {
  const needle = Buffer.from(`${name}=${value}\0`);
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      // environ is NUL-separated and NUL-terminated; a leading NUL makes the match whole-entry
      const env = Buffer.concat([Buffer.from([0]), readFileSync(`/proc/${entry}/environ`)]);
      if (env.includes(Buffer.concat([Buffer.from([0]), needle]))) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** SIGKILL every process tagged `name=value` (a stopped process dies of SIGKILL too); returns how many. */
export function killTagged(name: string, value: string): number {
  let killed = 0;
  for (const pid of findTagged(name, value)) {
    try {
      process.kill(pid, 'SIGKILL');
      killed++;
    } catch {
      // already gone
    }
  }
  return killed;
}
