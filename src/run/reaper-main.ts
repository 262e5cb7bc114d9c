/**
 * The reaper: a tiny watchdog process, one per run. The runner tells it every agent process group it
 * starts; when the runner's IPC channel closes — the runner exited, crashed or was SIGKILLed — the
 * reaper SIGKILLs every group it knows, then every process still tagged with the run's id in its
 * environment (an agent spawned a moment before the runner died and not yet registered, or a daemon
 * that left its group), and exits. This is what cleans up agents that cannot clean up after
 * themselves: paused (SIGSTOP) agents and users' own `command` agents.
 */
import { killTagged } from './sweep.js';

const runId = process.argv[2] ?? '';
const groups = new Set<number>();

process.on('message', (msg: { add?: number; remove?: number }) => {
  if (typeof msg.add === 'number') groups.add(msg.add);
  if (typeof msg.remove === 'number') groups.delete(msg.remove);
});

process.on('disconnect', () => {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (runId) killTagged('STORM_RUN', runId);
  process.exit(0);
});

// Keep the event loop alive while the channel is open; exit if the parent vanished without a disconnect.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.emit('disconnect');
}, 500);
process.send?.({ ready: true });
